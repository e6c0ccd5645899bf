/// Go's `time.Duration` text (`5h`, `30m`, `1h30m`, `90s`, `250ms`), as registries.conf writes `credsexpire`.
enum GoDuration {
    /// Go's largest duration, about 292 years; beyond it `time.ParseDuration` fails, and so does this.
    static let maximumSeconds = 9_223_372_036.0

    static func parse(_ text: String) -> Duration? {
        var totalSeconds = 0.0
        var rest = Substring(text)
        guard !rest.isEmpty, rest.count <= 64 else { return nil }
        if rest == "0" { return .zero }
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // Not ASCII-only: Go also spells microseconds `µs` (and `μs`).
            let unit = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(unit.count)
            let seconds: Double
            switch unit {
            case "ns": seconds = value / 1e9
            case "us", "µs", "μs": seconds = value / 1e6
            case "ms": seconds = value / 1e3
            case "s": seconds = value
            case "m": seconds = value * 60
            case "h": seconds = value * 3600
            default: return nil
            }
            // Checked before converting: a huge value would trap in `Int64(_:)`.
            totalSeconds += seconds
            guard totalSeconds.isFinite, totalSeconds <= Self.maximumSeconds else { return nil }
        }
        return .milliseconds(Int64((totalSeconds * 1000).rounded()))
    }
}
