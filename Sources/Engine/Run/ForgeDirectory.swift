import Forges
import Foundation

/// Which forge serves a target repository, with the token from the environment: a `forges:` entry whose URL
/// prefixes the repoURL (its `tokenEnv`), else github.com (`GITHUB_TOKEN`) or gitlab.com (`GITLAB_TOKEN`).
struct ForgeDirectory: Sendable {
    /// A repository on a forge and the client that talks to it.
    struct Link: Sendable {
        let repository: ForgeRepository
        let forge: any Forge

        /// How people on the forge name one: `PR #12` on GitHub, `MR !12` on GitLab.
        func reference(_ number: Int) -> String {
            repository.kind == .gitlab ? "MR !\(number)" : "PR #\(number)"
        }
    }

    let endpoints: [ForgeEndpoint]
    let makeForge: @Sendable (ForgeEndpoint) -> any Forge
    /// An invalid GitHub App setting, reported for GitHub repositories.
    let appProblem: String?

    init(
        configuration: BotConfiguration, environment: [String: String], app: GitHubAppAuth? = nil,
        makeForge: (@Sendable (ForgeEndpoint) -> any Forge)? = nil
    ) {
        func token(_ variable: String) -> String? {
            environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        }
        var endpoints = configuration.forges.map { settings in
            let kind: ForgeKind = settings.type == .github ? .github : .gitlab
            let variable = settings.tokenEnv ?? (kind == .github ? "GITHUB_TOKEN" : "GITLAB_TOKEN")
            return ForgeEndpoint(url: settings.url, kind: kind, token: token(variable))
        }
        endpoints += [.gitHub(token: token("GITHUB_TOKEN")), .gitLab(token: token("GITLAB_TOKEN"))]
        // GitHub instances without a token variable authenticate as the GitHub App, when one is configured.
        self.endpoints = endpoints.map { endpoint in
            guard endpoint.kind == .github, endpoint.token == nil, let provider = app?.provider(for: endpoint.url)
            else { return endpoint }
            return ForgeEndpoint(
                url: endpoint.url, kind: .github, apiBaseURL: endpoint.apiBaseURL, tokenProvider: provider)
        }
        appProblem = app?.problem
        self.makeForge = makeForge ?? Self.standardForges(environment: environment)
    }

    /// The forge for a target repository; a local path or an unknown host is an error that names the fixes.
    func link(for location: RepositoryLocation) throws(RunError) -> Link {
        guard case .remote(let url) = location else {
            throw RunError(
                "\(location) is a local repository, which has no forge to open pull requests on; use `--forge none` "
                    + "to push branches only")
        }
        let repository: ForgeRepository
        do {
            repository = try ForgeRepository.parse(repoURL: url, forges: endpoints)
        } catch {
            throw RunError(
                "\(error); add a `forges:` entry for its host to the configuration, or use `--forge none` to push "
                    + "branches only")
        }
        if repository.kind == .github, let appProblem {
            throw RunError(appProblem)
        }
        let endpoint = endpoints.first { $0.url == repository.endpointURL && $0.kind == repository.kind }
        let forge = makeForge(endpoint ?? ForgeEndpoint(url: repository.endpointURL, kind: repository.kind))
        // A CI/CD job token may clone but never open a merge request: say so before anything is pushed.
        if let refusal = (forge as? GitLabForge)?.writeRefusal(for: repository) {
            throw RunError("\(refusal)")
        }
        return Link(repository: repository, forge: forge)
    }

    /// The real clients; GitLab's tells a CI/CD job token by the run's `CI_JOB_TOKEN`, not the process's.
    static func standardForges(environment: [String: String]) -> @Sendable (ForgeEndpoint) -> any Forge {
        { endpoint in
            switch endpoint.kind {
            case .github: GitHubForge(endpoint: endpoint)
            case .gitlab: GitLabForge(endpoint: endpoint, environment: environment)
            }
        }
    }
}
