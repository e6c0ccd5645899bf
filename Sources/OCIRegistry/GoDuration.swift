/// Go's `time.Duration` text (`5h`, `30m`, `1h30m`, `90s`, `250ms`), as registries.conf writes `credsexpire`.
enum GoDuration {
    static func parse(_ text: String) -> Duration? {
        var total: Duration = .zero
        var rest = Substring(text)
        guard !rest.isEmpty, rest.count <= 64 else { return nil }
        if rest == "0" { return .zero }
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix(while: { $0.isASCII && $0.isLetter })
            rest = rest.dropFirst(unit.count)
            let seconds: Double
            switch unit {
            case "ns": seconds = value / 1e9
            case "us", "µs": seconds = value / 1e6
            case "ms": seconds = value / 1e3
            case "s": seconds = value
            case "m": seconds = value * 60
            case "h": seconds = value * 3600
            default: return nil
            }
            total += .milliseconds(Int64((seconds * 1000).rounded()))
        }
        return total
    }
}
