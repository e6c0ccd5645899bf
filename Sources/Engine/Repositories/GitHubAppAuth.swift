import Forges
import Foundation

/// GitHub App authentication from the environment (`GITHUB_APP_ID`, `GITHUB_APP_PRIVATE_KEY` or
/// `GITHUB_APP_PRIVATE_KEY_FILE`, optional `GITHUB_APP_INSTALLATION_ID`): one installation-token
/// provider per GitHub API, shared by git and REST calls of a run. A `GITHUB_TOKEN` (or a forge's
/// `tokenEnv`) that is set wins, so personal tokens keep working.
struct GitHubAppAuth: Sendable {
    private let providers: [String: GitHubAppTokenProvider]
    /// A partial or invalid app setting, reported for GitHub repositories.
    let problem: String?

    init(configuration: BotConfiguration, environment: [String: String]) {
        let app: GitHubAppConfiguration?
        do {
            app = try GitHubAppConfiguration.fromEnvironment(environment)
            problem = nil
        } catch {
            app = nil
            problem = "\(error)"
        }
        var providers: [String: GitHubAppTokenProvider] = [:]
        if let app {
            let endpoints =
                [ForgeEndpoint.gitHub()]
                + configuration.forges.filter { $0.type == .github }.map { ForgeEndpoint(url: $0.url, kind: .github) }
            for endpoint in endpoints where providers[endpoint.url] == nil {
                providers[endpoint.url] = app.tokenProvider(apiBaseURL: endpoint.apiBaseURL)
            }
        }
        self.providers = providers
    }

    /// The provider for a GitHub instance, when an app is configured.
    func provider(for endpointURL: String) -> GitHubAppTokenProvider? {
        providers[ForgeEndpoint(url: endpointURL, kind: .github).url]
    }

    /// An installation token for the GitHub repository at `url`, or nil (no app, not GitHub, not installed).
    func token(forRepositoryURL url: String, forges: [ForgeEndpoint]) async -> String? {
        guard !providers.isEmpty, let repository = try? ForgeRepository.parse(repoURL: url, forges: forges),
            repository.kind == .github, let provider = provider(for: repository.endpointURL)
        else { return nil }
        return try? await provider.token(for: repository)
    }
}
