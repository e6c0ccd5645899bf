/// A reference, tag or digest that does not follow the OCI distribution grammar.
///
/// The description is one line that names the offending input, so it can be shown to a user as is.
public struct ImageReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable, Sendable {
        case empty
        case tooLong(limit: Int)
        case invalidCharacters
        case invalidRegistry(String)
        case invalidRepository(String)
        case uppercaseRepository(String)
        case emptyTag
        case invalidTag(String)
        case invalidDigest(String)
        case unsupportedDigestAlgorithm(String)
    }

    private let code: Code

    /// The input that was rejected, verbatim (control characters escaped in `description`).
    public let input: String

    private init(_ code: Code, input: String) {
        self.code = code
        self.input = input
    }

    static func empty(_ input: String) -> Self { .init(.empty, input: input) }
    static func tooLong(_ input: String, limit: Int) -> Self { .init(.tooLong(limit: limit), input: input) }
    static func invalidCharacters(_ input: String) -> Self { .init(.invalidCharacters, input: input) }
    static func invalidRegistry(_ input: String, _ host: String) -> Self {
        .init(.invalidRegistry(host), input: input)
    }
    static func invalidRepository(_ input: String, _ name: String) -> Self {
        .init(.invalidRepository(name), input: input)
    }
    static func uppercaseRepository(_ input: String, _ name: String) -> Self {
        .init(.uppercaseRepository(name), input: input)
    }
    static func emptyTag(_ input: String) -> Self { .init(.emptyTag, input: input) }
    static func invalidTag(_ input: String, _ tag: String) -> Self { .init(.invalidTag(tag), input: input) }
    static func invalidDigest(_ input: String, _ digest: String) -> Self {
        .init(.invalidDigest(digest), input: input)
    }
    static func unsupportedDigestAlgorithm(_ input: String, _ algorithm: String) -> Self {
        .init(.unsupportedDigestAlgorithm(algorithm), input: input)
    }

    public var description: String {
        let subject = "invalid image reference \(Self.quoted(input))"
        switch code {
        case .empty:
            return "\(subject): it is empty"
        case .tooLong(let limit):
            return "\(subject): longer than \(limit) characters"
        case .invalidCharacters:
            return "\(subject): contains whitespace or control characters"
        case .invalidRegistry(let host):
            return "\(subject): \(Self.quoted(host)) is not a valid registry host[:port]"
        case .invalidRepository(let name):
            return "\(subject): \(Self.quoted(name)) is not a valid repository name "
                + "(lowercase components of [a-z0-9] joined by '.', '_', '__' or '-', separated by '/')"
        case .uppercaseRepository(let name):
            return "\(subject): repository name \(Self.quoted(name)) must be lowercase"
        case .emptyTag:
            return "\(subject): the tag after ':' is empty"
        case .invalidTag(let tag):
            return "\(subject): \(Self.quoted(tag)) is not a valid tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})"
        case .invalidDigest(let digest):
            return "\(subject): \(Self.quoted(digest)) is not a valid digest (expected sha256:<64 lowercase hex>)"
        case .unsupportedDigestAlgorithm(let algorithm):
            return "\(subject): digest algorithm \(Self.quoted(algorithm)) is not supported (sha256, sha512)"
        }
    }

    /// Quotes user input for a one-line message: long input is cut and control characters are escaped.
    /// C1 controls (NEL, CSI) and the Unicode line and paragraph separators count too: a terminal may
    /// break the line or start an escape sequence on them.
    static func quoted(_ text: String) -> String {
        let limit = 200
        var shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        shown = String(
            shown.unicodeScalars.map { scalar -> String in
                isUnsafe(scalar) ? scalar.escaped(asASCII: true) : String(scalar)
            }.joined()
        )
        return "\"\(shown)\""
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
