/// A forge instance: the web URL prefix Application `repoURL`s are matched against, its API base and
/// the token used there.
///
/// The token never appears in `description`, so an endpoint can be logged or printed safely.
public struct ForgeEndpoint: Sendable, CustomStringConvertible {
    /// Web URL prefix without a trailing slash, e.g. `https://github.com` or `https://git.example.com/gitlab`.
    public let url: String
    public let kind: ForgeKind
    /// REST API base without a trailing slash, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`.
    public let apiBaseURL: String
    public let token: String?
    /// Where tokens come from when they change over time (a GitHub App's installation tokens); when set,
    /// `GitHubForge` asks it for each repository instead of using `token` (GitLab does not use it yet).
    public let tokenProvider: (any ForgeTokenProvider)?

    /// - Parameter apiBaseURL: defaults to `https://api.github.com` for github.com, `<url>/api/v3` for other
    ///   GitHub instances (GitHub Enterprise) and `<url>/api/v4` for GitLab.
    public init(
        url: String, kind: ForgeKind, apiBaseURL: String? = nil, token: String? = nil,
        tokenProvider: (any ForgeTokenProvider)? = nil
    ) {
        let trimmed = Self.trimmingSlashes(url)
        self.url = trimmed
        self.kind = kind
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.tokenProvider = tokenProvider
        if let apiBaseURL {
            self.apiBaseURL = Self.trimmingSlashes(apiBaseURL)
        } else {
            switch kind {
            case .github:
                self.apiBaseURL = Self.isGitHubDotCom(trimmed) ? "https://api.github.com" : trimmed + "/api/v3"
            case .gitlab:
                self.apiBaseURL = trimmed + "/api/v4"
            }
        }
    }

    /// github.com with the given token.
    public static func gitHub(token: String? = nil) -> Self {
        Self(url: "https://github.com", kind: .github, token: token)
    }

    /// gitlab.com with the given token.
    public static func gitLab(token: String? = nil) -> Self {
        Self(url: "https://gitlab.com", kind: .gitlab, token: token)
    }

    /// The forges every configuration knows without saying so (no tokens).
    public static let builtIns: [Self] = [.gitHub(), .gitLab()]

    public var description: String {
        let auth = tokenProvider.map { ", tokens from \($0)" } ?? (token == nil ? ", no token" : "")
        return "\(kind) at \(url) (API \(apiBaseURL)\(auth))"
    }

    private static func isGitHubDotCom(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered == "https://github.com" || lowered == "http://github.com"
    }

    static func trimmingSlashes(_ url: String) -> String {
        var result = Substring(url)
        while result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
