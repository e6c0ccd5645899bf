/// One thing `run` did (or, in a dry run, would do), printed one line each.
public struct RunAction: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case pushedBranch = "pushed-branch"
        case deletedBranch = "deleted-branch"
        case openedPullRequest = "opened-pull-request"
        case updatedPullRequest = "updated-pull-request"
        case closedPullRequest = "closed-pull-request"
        case recordedState = "recorded-state"
        /// A comment command answered (reaction and, when there is something to say, a reply).
        case answeredComment = "answered-comment"
        /// `--forge none`: the pull request that would be opened or updated, with its text.
        case pullRequestText = "pull-request-text"
        /// `--dry-run`: a write that was not made.
        case dryRun = "dry-run"
        /// Something deliberately left for a later run.
        case deferred
    }

    public var kind: Kind
    /// The Application it was for, when it was for one.
    public var application: String?
    /// The human line, e.g. `opened PR #3 for example`.
    public var line: String
    public var pullRequest: Int?
    public var title: String?
    public var body: String?

    public init(
        _ kind: Kind, application: String?, line: String, pullRequest: Int? = nil, title: String? = nil,
        body: String? = nil
    ) {
        self.kind = kind
        self.application = application
        self.line = line
        self.pullRequest = pullRequest
        self.title = title
        self.body = body
    }
}
