/// A registry, TLS, auth or configuration failure, described in one line that names where it came from.
///
/// The description never contains credentials or tokens.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case httpStatus(Int, reason: String)
        case tlsUntrusted(detail: String)
        case tls(detail: String)
        case connection(detail: String)
        case timeout(seconds: Double)
        case bodyTooLarge(limit: Int)
        case tooManyPages(limit: Int)
        case tooManyTags(limit: Int)
        case retryAfterTooLong(seconds: Int, limit: Int)
        case tooManyRedirects(limit: Int)
        case badRedirect(location: String)
        case badTokenRealm(realm: String)
        case badTokenResponse(detail: String)
        case malformedResponse(detail: String)
        case unsupportedMediaType(String)
        case digestMismatch(expected: String, actual: String)
        case configuration(detail: String)
        case credentials(detail: String)
    }

    let code: Code
    /// Registry host the failure concerns, if any.
    public let registry: String?
    /// Repository the failure concerns, if any.
    public let repository: String?
    /// What was being done, e.g. `GET tags/list`.
    let operation: String?
    /// Extra advice appended to the message, e.g. which registries.conf line fixes a TLS failure.
    let hint: String?

    init(
        _ code: Code,
        registry: String? = nil,
        repository: String? = nil,
        operation: String? = nil,
        hint: String? = nil
    ) {
        self.code = code
        self.registry = registry
        self.repository = repository
        self.operation = operation
        self.hint = hint
    }

    /// The HTTP status the registry answered, when the failure is an unexpected status.
    public var status: Int? {
        if case .httpStatus(let status, _) = code { return status }
        return nil
    }

    /// True for 401 and 403 answers.
    public var isAuthenticationFailure: Bool { status == 401 || status == 403 }

    /// True when the failure is the registry saying the repository, tag or blob does not exist (404).
    public var isNotFound: Bool { status == 404 }

    func with(hint newHint: String?) -> RegistryError {
        guard let newHint else { return self }
        let combined = hint.map { "\($0); \(newHint)" } ?? newHint
        return RegistryError(code, registry: registry, repository: repository, operation: operation, hint: combined)
    }

    func with(registry: String, repository: String?) -> RegistryError {
        RegistryError(
            code,
            registry: self.registry ?? registry,
            repository: self.repository ?? repository,
            operation: operation,
            hint: hint
        )
    }

    public var description: String {
        var parts: [String] = []
        if let registry { parts.append("registry \(registry)") }
        if let repository { parts.append("repository \(repository)") }
        if let operation { parts.append(operation) }
        parts.append(message)
        var text = parts.joined(separator: ": ")
        if let hint { text += "; " + hint }
        return Self.oneLine(text)
    }

    private var message: String {
        switch code {
        case .httpStatus(let status, let reason):
            return reason.isEmpty ? "\(status)" : "\(status) \(reason)"
        case .tlsUntrusted(let detail):
            return "TLS certificate not trusted: \(detail)"
        case .tls(let detail):
            return "TLS failure: \(detail)"
        case .connection(let detail):
            return "connection failed: \(detail)"
        case .timeout(let seconds):
            return "no complete answer within \(Self.format(seconds)) s"
        case .bodyTooLarge(let limit):
            return "response body larger than \(limit) bytes"
        case .tooManyPages(let limit):
            return "tag list has more than \(limit) pages"
        case .tooManyTags(let limit):
            return "tag list has more than \(limit) tags"
        case .retryAfterTooLong(let seconds, let limit):
            return "429 Too Many Requests with Retry-After \(seconds) s, longer than the \(limit) s allowed"
        case .tooManyRedirects(let limit):
            return "more than \(limit) redirects"
        case .badRedirect(let location):
            return "refusing redirect to \(location): only http and https are followed"
        case .badTokenRealm(let realm):
            return "token realm \(realm) is not an http(s) URL"
        case .badTokenResponse(let detail):
            return "token service answer unusable: \(detail)"
        case .malformedResponse(let detail):
            return "malformed response: \(detail)"
        case .unsupportedMediaType(let type):
            return "unsupported manifest media type \(type)"
        case .digestMismatch(let expected, let actual):
            return "content digest \(actual) does not match the requested \(expected)"
        case .configuration(let detail):
            return detail
        case .credentials(let detail):
            return detail
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// Keeps messages on one line even when a server put newlines or control characters in its answer.
    /// C1 controls (NEL, CSI) and the Unicode line and paragraph separators count as such too.
    static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029
                        ? " " : $0
                }
            )
        )
    }
}
