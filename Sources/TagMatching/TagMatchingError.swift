/// Why a tag-matching expression (a regexp, a glob, or an `allow-tags` value) was refused.
///
/// The description is one line and names the offending input, so that a caller can show it to the
/// user as-is next to the annotation it came from.
public struct TagMatchingError: Error, Sendable, CustomStringConvertible, Equatable {
    private enum Code: Sendable, Equatable {
        case invalidRegexp
        case regexpTooLarge
        case invalidGlob
        case invalidAllowTags
    }

    private let code: Code
    private let input: String
    private let detail: String

    private init(_ code: Code, input: String, detail: String) {
        self.code = code
        self.input = input
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .invalidRegexp: "invalid regexp \(Self.quoted(input)): \(detail)"
        case .regexpTooLarge: "regexp \(Self.quoted(input)) is too large: \(detail)"
        case .invalidGlob: "invalid glob \(Self.quoted(input)): \(detail)"
        case .invalidAllowTags: "invalid allow-tags value \(Self.quoted(input)): \(detail)"
        }
    }

    static func invalidRegexp(_ pattern: String, _ detail: String) -> Self {
        Self(.invalidRegexp, input: pattern, detail: detail)
    }

    static func regexpTooLarge(_ pattern: String, _ detail: String) -> Self {
        Self(.regexpTooLarge, input: pattern, detail: detail)
    }

    static func invalidGlob(_ pattern: String, _ detail: String) -> Self {
        Self(.invalidGlob, input: pattern, detail: detail)
    }

    static func invalidAllowTags(_ value: String, _ detail: String) -> Self {
        Self(.invalidAllowTags, input: value, detail: detail)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// Long inputs are cut and control characters escaped so the message stays one readable line.
    static func escaped(_ text: String, limit: Int = 80) -> String {
        var shown = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == limit {
                shown += "…"
                break
            }
            switch scalar {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case "\"": shown += "\\\""
            default:
                // C1 controls and line/paragraph separators would break or restyle a terminal line too.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                    || scalar.value == 0x2029
                {
                    shown += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
        }
        return shown
    }
}
