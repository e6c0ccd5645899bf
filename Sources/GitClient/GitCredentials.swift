/// How to authenticate to a remote over HTTP(S). Never printed: `description` hides the secret.
public enum GitCredentials: Sendable, CustomStringConvertible {
    /// No credentials; a remote that asks for some fails with an authentication error.
    case none
    /// A username and a password or token, sent as HTTP basic authentication.
    case token(username: String, password: String)

    /// A GitHub token (installation, personal or `GITHUB_TOKEN`), as GitHub expects it over HTTPS.
    public static func github(token: String) -> GitCredentials {
        .token(username: "x-access-token", password: token)
    }

    /// A GitLab token (personal, project or CI job token), as GitLab expects it over HTTPS.
    public static func gitlab(token: String) -> GitCredentials {
        .token(username: "oauth2", password: token)
    }

    public var description: String {
        switch self {
        case .none: return "no credentials"
        case .token(let username, _): return "token for \(username)"
        }
    }

    /// Strings that must never appear in an error message or log.
    var secrets: [String] {
        switch self {
        case .none: return []
        case .token(_, let password): return [password]
        }
    }
}
