/// Writes string values so every YAML reader (1.1 or 1.2, Helm's included) reads them back as the same string.
public enum YAMLScalar {
    /// `value` as a plain scalar when that is unambiguous, else double-quoted.
    public static func render(_ value: String) -> String {
        needsQuoting(value) ? doubleQuoted(value) : value
    }

    /// True when a plain `value` would read as another type (`1.10`, `true`, `null`, `0x1F`, `~`, `1e3`,
    /// `yes`/`no`/`on`/`off`, a date, empty) or would not survive as one plain token.
    public static func needsQuoting(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return true }
        if " \t".unicodeScalars.contains(first) || " \t".unicodeScalars.contains(last) { return true }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return true }
        if value.contains(": ") || value.contains(" #") || value.hasSuffix(":") { return true }
        for scalar in value.unicodeScalars where mustEscape(scalar) {
            return true
        }
        return readsAsNonString(value)
    }

    static func doubleQuoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if mustEscape(scalar) {
                    result +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16).uppercased()
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Characters YAML does not allow as written (controls, and the non-characters U+FFFE/U+FFFF that
    /// libyaml refuses), plus those that print as a line break or vanish: all written as `\uXXXX`.
    static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF:
            return false
        default:
            return true
        }
    }

    private static let words: Set<String> = [
        "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
        "=", "<<",
    ]

    /// The union of the YAML 1.1 and 1.2 core resolvers for null, bool, int, float and timestamp.
    private static func readsAsNonString(_ value: String) -> Bool {
        if words.contains(value) { return true }
        var bytes = Array(value.utf8)[...]
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard let first = bytes.first else { return false }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        // Every number form (decimal, 0x, 0o, 0b, octal, float, exponent, sexagesimal) and every timestamp
        // starts with a digit or with "." followed by a digit.
        guard
            isDigit(first)
                || (first == UInt8(ascii: ".") && bytes.count > 1
                    && isDigit(bytes[bytes.index(after: bytes.startIndex)]))
        else {
            return false
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            return text.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" } && text.count > 2
        }
        if text.hasPrefix("0o") || text.hasPrefix("0b") {
            return text.dropFirst(2).allSatisfy { $0.isNumber || $0 == "_" } && text.count > 2
        }
        if isTimestamp(text) { return true }
        return isDecimalLike(text)
    }

    /// Integers, floats with at most one dot, exponents, underscores and `:` sexagesimals (YAML 1.1).
    private static func isDecimalLike(_ text: String) -> Bool {
        var dots = 0
        var sawExponent = false
        var previous: Character = " "
        for character in text {
            switch character {
            case "0"..."9", "_", ":": break
            case ".":
                dots += 1
                if dots > 1 || sawExponent { return false }
            case "e", "E":
                if sawExponent { return false }
                sawExponent = true
            case "+", "-":
                if previous != "e" && previous != "E" { return false }
            default: return false
            }
            previous = character
        }
        return !(previous == "e" || previous == "E" || previous == "+" || previous == "-")
    }

    /// `2001-12-14`, optionally followed by a time: YAML 1.1 reads these as timestamps.
    private static func isTimestamp(_ text: String) -> Bool {
        let parts = text.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }
    }
}
