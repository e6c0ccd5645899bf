import Foundation

/// Parses durations written like `30s`, `5m`, `1h`, `1h30m` (Go style, as in Argo CD settings).
enum DurationParser {
    /// The longest duration accepted: one year.
    static let maximumSeconds = 366 * 86400

    /// Seconds, or nil when the text is not a positive duration.
    static func seconds(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var total = 0
        var number = ""
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if let unit = units[character], let value = Int(number) {
                // A duration past a year is a typo, not an interval; it also keeps the sum far from overflow.
                let (product, overflow) = value.multipliedReportingOverflow(by: unit)
                guard !overflow, product <= maximumSeconds - total else { return nil }
                total += product
                number = ""
            } else {
                return nil
            }
        }
        guard number.isEmpty, total > 0 else { return nil }
        return total
    }
}
