/// A username and password (or token) for one registry. Its description never shows the secret.
public struct RegistryCredential: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// User name sent with HTTP basic auth or to the token service.
    public let username: String
    /// Password or access token.
    public let password: String
    /// Where the credential was found, for messages (e.g. `env:REGISTRY_CREDS`, `~/.docker/config.json`).
    public let origin: String

    /// Creates a credential; `origin` names where it came from in messages.
    public init(username: String, password: String, origin: String) {
        self.username = username
        self.password = password
        self.origin = origin
    }

    /// Parses `user:password` as Argo CD Image Updater does (split at the first colon, both parts non-empty).
    static func parse(_ value: String, origin: String) -> RegistryCredential? {
        guard let colon = value.firstIndex(of: ":") else { return nil }
        let username = String(value[..<colon])
        let password = String(value[value.index(after: colon)...]).trimmingTrailingNewlines()
        guard !username.isEmpty, !password.isEmpty else { return nil }
        return RegistryCredential(username: username, password: password, origin: origin)
    }

    /// The `Authorization` header value for HTTP basic auth.
    var basicAuthorization: String {
        "Basic " + Base64.encode(Array("\(username):\(password)".utf8))
    }

    public var description: String { "credential for \(username) from \(origin)" }
    public var debugDescription: String { description }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last == "\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
