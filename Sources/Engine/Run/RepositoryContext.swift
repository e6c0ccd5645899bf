import Forges
import Foundation
import GitClient

/// What reconciling one target repository reads once: its clone, its branches, the bot's open pull requests
/// and the bot's state.
struct RepositoryContext: Sendable {
    let clone: GitRepository
    /// What git talks to: the repoURL, or the local path.
    let url: String
    let credentials: GitCredentials
    let defaultBranch: String?
    /// nil with `--forge none`.
    let link: ForgeDirectory.Link?
    let state: StateBranch
    var branches: [String: GitOID]
    /// By head branch.
    var openPullRequests: [String: PullRequest]

    /// One clone, one `ls-remote`, one list of open bot pull requests, and the state branch.
    static func prepare(
        _ location: RepositoryLocation, store: CheckoutStore, lookup: GitCredentialLookup, link: ForgeDirectory.Link?,
        settings: PullRequestSettings, author: GitSignature, dryRun: Bool
    ) async throws -> RepositoryContext {
        let url: String
        switch location {
        case .local(let path): url = path
        case .remote(let remote): url = remote
        }
        var credentials = await lookup.resolvedCredentials(for: url)
        if case .none = credentials, let link, let forgeCredentials = link.forge.gitCredentials(for: link.repository) {
            credentials = .token(username: forgeCredentials.username, password: forgeCredentials.password)
        }
        let clone = try await store.clone(of: url)
        async let branches = GitRepository.remoteBranches(url: url, credentials: credentials)
        async let open = Self.openPullRequests(link, prefix: settings.branchPrefix)
        let remoteBranches = try await branches
        var openByHead: [String: PullRequest] = [:]
        for pull in try await open where openByHead[pull.headBranch].map({ $0.number > pull.number }) ?? true {
            openByHead[pull.headBranch] = pull
        }
        let stateBranch = settings.branchPrefix + "state"
        let state = try await StateBranch.load(
            branch: stateBranch, remoteHead: remoteBranches[stateBranch], repository: clone, url: url,
            credentials: credentials, author: author, dryRun: dryRun)
        return RepositoryContext(
            clone: clone, url: url, credentials: credentials,
            defaultBranch: DefaultBranch.read(gitDirectory: clone.gitDirectory),
            link: link, state: state, branches: remoteBranches, openPullRequests: openByHead)
    }

    private static func openPullRequests(_ link: ForgeDirectory.Link?, prefix: String) async throws -> [PullRequest] {
        guard let link else { return [] }
        return try await link.forge.pullRequests(in: link.repository, headPrefix: prefix, state: .open)
    }
}
