import Forges
import Foundation
import GitClient

/// Chooses the token for a git URL from the environment: a configured forge whose URL prefixes
/// it (its `tokenEnv`), else `GITHUB_TOKEN` for github.com and `GITLAB_TOKEN` for gitlab.com.
struct GitCredentialLookup: Sendable {
    let forges: [ForgeSettings]
    let environment: [String: String]
    /// GitHub App installation tokens, used for GitHub repositories when no token variable is set.
    var app: GitHubAppAuth? = nil

    /// The credentials for `url`: a token from the environment, else a GitHub App installation token.
    func resolvedCredentials(for url: String) async -> GitCredentials {
        let fromEnvironment = credentials(for: url)
        guard case .none = fromEnvironment, let app else { return fromEnvironment }
        let endpoints =
            forges.map { ForgeEndpoint(url: $0.url, kind: $0.type == .github ? .github : .gitlab) }
            + ForgeEndpoint.builtIns
        guard let token = await app.token(forRepositoryURL: url, forges: endpoints) else { return fromEnvironment }
        return .github(token: token)
    }

    func credentials(for url: String) -> GitCredentials {
        if let forge = forges.first(where: { url.hasPrefix($0.url) }) {
            let variable = forge.tokenEnv ?? (forge.type == .github ? "GITHUB_TOKEN" : "GITLAB_TOKEN")
            return token(variable, kind: forge.type)
        }
        guard let host = URL(string: url)?.host?.lowercased() else { return .none }
        if host == "github.com" { return token("GITHUB_TOKEN", kind: .github) }
        if host == "gitlab.com" { return token("GITLAB_TOKEN", kind: .gitlab) }
        return .none
    }

    private func token(_ variable: String, kind: ForgeSettings.Kind) -> GitCredentials {
        guard let value = environment[variable], !value.isEmpty else { return .none }
        if kind == .github { return .github(token: value) }
        // GitLab accepts a CI job token over git only with this user name; any other token as oauth2.
        if value == environment["CI_JOB_TOKEN"] || value.hasPrefix("glcbt-") {
            return .token(username: "gitlab-ci-token", password: value)
        }
        return .gitlab(token: value)
    }
}
