/// What the engine asks a forge to open; the head branch must already be pushed.
public struct NewPullRequest: Sendable, Hashable {
    public var title: String
    public var body: String
    /// Head branch name in the same repository (no `owner:` prefix, no `refs/heads/`).
    public var head: String
    public var base: String
    public var draft: Bool
    public var labels: [String]
    /// Logins asked to review; a failure to request them is reported, the pull request stays open.
    public var reviewers: [String]
    public var assignees: [String]

    public init(
        title: String, body: String, head: String, base: String, draft: Bool = false, labels: [String] = [],
        reviewers: [String] = [], assignees: [String] = []
    ) {
        self.title = title
        self.body = body
        self.head = head
        self.base = base
        self.draft = draft
        self.labels = labels
        self.reviewers = reviewers
        self.assignees = assignees
    }
}
