/// A configuration file that cannot be used; the CLI exits 2 on it.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    private enum Code: Sendable, Equatable {
        case unreadable, malformed, invalidValue, unknownKey
    }

    private let code: Code
    /// One line naming the file (and line or key) the problem came from.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        // One line, no terminal control codes: keys and values come from the file.
        self.description = String(
            String.UnicodeScalarView(
                description.unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
                        ? "?" : scalar
                }))
    }

    static func unreadable(_ path: String, reason: String) -> Self {
        Self(.unreadable, "\(path): cannot read configuration: \(reason)")
    }

    static func malformed(_ path: String, line: Int?, reason: String) -> Self {
        let location = line.map { "\(path):\($0)" } ?? path
        return Self(.malformed, "\(location): invalid configuration: \(reason)")
    }

    static func invalidValue(_ path: String, key: String, reason: String) -> Self {
        Self(.invalidValue, "\(path): \(key): \(reason)")
    }

    static func unknownKey(_ path: String, key: String, line: Int?) -> Self {
        let location = line.map { "\(path):\($0)" } ?? path
        return Self(.unknownKey, "\(location): unknown configuration key `\(key)`")
    }
}
