import Foundation

/// The forge operations the engine needs, the same for GitHub pull requests and GitLab merge requests.
///
/// Reads are cheap and batched per repository; every write is a separate method so that `DryRunForge` can
/// print it instead. Implementations throw `ForgeError`.
public protocol Forge: Sendable {
    /// Every pull request whose head branch (in the repository itself, not a fork) starts with `headPrefix`,
    /// in one paginated list; `state` nil means any state.
    func pullRequests(
        in repository: ForgeRepository, headPrefix: String, state: PullRequestState?
    ) async throws -> [PullRequest]

    /// Opens a pull request, then applies its labels, reviewers and assignees. Throws an error whose
    /// `isPullRequestAlreadyExists` is true when another run opened one for the same head first.
    func createPullRequest(_ request: NewPullRequest, in repository: ForgeRepository) async throws -> PullRequest

    /// Changes title and/or body; nil leaves a field as it is.
    func updatePullRequest(
        number: Int, title: String?, body: String?, in repository: ForgeRepository
    ) async throws -> PullRequest

    /// Comments (when `comment` is given), then closes without merging.
    func closePullRequest(number: Int, comment: String?, in repository: ForgeRepository) async throws

    func addLabels(_ labels: [String], to number: Int, in repository: ForgeRepository) async throws
    func requestReviewers(_ reviewers: [String], on number: Int, in repository: ForgeRepository) async throws
    func addAssignees(_ assignees: [String], to number: Int, in repository: ForgeRepository) async throws
    func comment(on number: Int, body: String, in repository: ForgeRepository) async throws

    /// Deletes a branch; a branch that is already gone is not an error.
    func deleteBranch(_ name: String, in repository: ForgeRepository) async throws

    /// Comments on the repository's pull requests (and, on GitHub, issues) created or edited at or after
    /// `since`, oldest first, in one paginated list.
    func comments(in repository: ForgeRepository, since: Date?) async throws -> [ForgeComment]

    /// Comments created or edited at or after `since` on these pull requests (the bot's open ones, just
    /// listed), oldest first; comments elsewhere may be included. GitLab, which has no repository-wide list
    /// of notes, reads them from these instead of listing its merge requests a second time.
    func comments(
        on pullRequests: [PullRequest], in repository: ForgeRepository, since: Date?
    ) async throws -> [ForgeComment]

    /// The user's access to the repository; no access at all is `.none`, not an error.
    func permission(of user: String, in repository: ForgeRepository) async throws -> AccessLevel

    func react(to comment: ForgeComment, with reaction: Reaction, in repository: ForgeRepository) async throws

    /// Credentials for git over HTTPS, or nil when the forge has no token.
    func gitCredentials(for repository: ForgeRepository) -> ForgeCredentials?
}

extension Forge {
    /// The repository-wide list serves as well (GitHub answers it in one call either way).
    public func comments(
        on pullRequests: [PullRequest], in repository: ForgeRepository, since: Date?
    ) async throws -> [ForgeComment] {
        try await comments(in: repository, since: since)
    }
}
