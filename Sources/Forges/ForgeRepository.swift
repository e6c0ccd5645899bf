import Foundation

/// A repository on a forge: a GitHub `owner/name` or a GitLab project path, with the URLs to reach it.
public struct ForgeRepository: Sendable, Hashable, CustomStringConvertible {
    public let kind: ForgeKind
    /// GitHub `owner/name`; GitLab `group/subgroup/project`.
    public let path: String
    /// Web URL of the repository, e.g. `https://github.com/owner/name`.
    public let webURL: String
    /// REST API base of its forge, e.g. `https://api.github.com`.
    public let apiBaseURL: String
    /// HTTPS clone URL (`<webURL>.git`); git credentials come from `Forge.gitCredentials(for:)`.
    public let cloneURL: String
    /// The web URL prefix of the `ForgeEndpoint` it was matched to.
    public let endpointURL: String

    public init(kind: ForgeKind, path: String, endpoint: ForgeEndpoint) {
        self.kind = kind
        self.path = path
        self.webURL = endpoint.url + "/" + path
        self.apiBaseURL = endpoint.apiBaseURL
        self.cloneURL = webURL + ".git"
        self.endpointURL = endpoint.url
    }

    /// GitHub owner (the first path component).
    public var owner: String { String(path.split(separator: "/").first ?? "") }
    /// Repository name (the last path component).
    public var name: String { String(path.split(separator: "/").last ?? "") }

    public var description: String { path }

    /// Maps an Application `repoURL` (`https://…`, `http://…`, `ssh://git@…`, `git@host:owner/repo.git`) to
    /// the forge whose URL prefix matches it, the longest prefix winning; `forges` come before the built-in
    /// github.com and gitlab.com.
    public static func parse(repoURL: String, forges: [ForgeEndpoint]) throws -> ForgeRepository {
        guard let location = RepoLocation(repoURL) else {
            throw ForgeError.invalidRepositoryURL(repoURL, "not an http(s) or ssh git URL")
        }
        var best: (endpoint: ForgeEndpoint, rest: String, prefixLength: Int)?
        for endpoint in forges + ForgeEndpoint.builtIns {
            guard let prefix = RepoLocation(endpoint.url), let rest = location.remainder(after: prefix) else {
                continue
            }
            if best == nil || prefix.path.count > best!.prefixLength {
                best = (endpoint, rest, prefix.path.count)
            }
        }
        guard let best else {
            throw ForgeError.invalidRepositoryURL(repoURL, "no configured forge matches its host")
        }
        var path = best.rest
        if path.hasSuffix(".git") { path = String(path.dropLast(4)) }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let valid = components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
        switch best.endpoint.kind {
        case .github where components.count != 2 || !valid:
            throw ForgeError.invalidRepositoryURL(repoURL, "a GitHub repository URL ends in <owner>/<name>")
        case .gitlab where components.count < 2 || !valid:
            throw ForgeError.invalidRepositoryURL(repoURL, "a GitLab project URL ends in <group>/<project>")
        default:
            return ForgeRepository(kind: best.endpoint.kind, path: path, endpoint: best.endpoint)
        }
    }
}

/// Host, port and path of a git or forge URL; user info is dropped so it can never leak.
private struct RepoLocation {
    let host: String
    let port: Int?
    let isSSH: Bool
    /// Path without leading or trailing slashes.
    let path: String

    init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.contains("://"), let colon = trimmed.firstIndex(of: ":") {
            // scp-like `git@host:owner/repo.git`
            let hostPart = trimmed[..<colon].split(separator: "@").last.map(String.init) ?? ""
            guard !hostPart.isEmpty, !hostPart.contains("/") else { return nil }
            self.init(host: hostPart, port: nil, isSSH: true, path: String(trimmed[trimmed.index(after: colon)...]))
            return
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return nil }
        switch scheme {
        case "http":
            self.init(
                host: host, port: components.port == 80 ? nil : components.port, isSSH: false,
                path: components.path)
        case "https":
            self.init(
                host: host, port: components.port == 443 ? nil : components.port, isSSH: false,
                path: components.path)
        case "ssh", "git+ssh": self.init(host: host, port: nil, isSSH: true, path: components.path)
        default: return nil
        }
    }

    private init(host: String, port: Int?, isSSH: Bool, path: String) {
        self.host = host.lowercased()
        self.port = port
        self.isSSH = isSSH
        self.path = path.split(separator: "/").joined(separator: "/")
    }

    /// The rest of this location's path below `prefix`, if `prefix` (a forge URL) contains it.
    func remainder(after prefix: RepoLocation) -> String? {
        // An ssh URL carries the ssh port, not the web port, so only the host can be compared.
        guard host == prefix.host, isSSH || port == prefix.port else { return nil }
        if prefix.path.isEmpty { return path.isEmpty ? nil : path }
        guard path.hasPrefix(prefix.path + "/") else { return nil }
        return String(path.dropFirst(prefix.path.count + 1))
    }
}
