import Foundation

/// A pull request (GitHub) or merge request (GitLab) as the engine sees it.
public struct PullRequest: Sendable, Hashable {
    /// GitHub PR number or GitLab MR `iid`: the number people see.
    public var number: Int
    public var state: PullRequestState
    public var title: String
    public var body: String
    public var headBranch: String
    /// The commit the head branch pointed at when the forge answered.
    public var headSHA: String
    public var baseBranch: String
    public var labels: [String]
    /// Web URL people open.
    public var url: String
    /// Login of the user who opened it.
    public var author: String
    /// When it last changed (on GitLab a new or edited note touches it); nil when the forge did not say.
    public var updatedAt: Date?
    /// How many notes people (not the system) wrote on it (GitLab); nil when the forge did not say.
    public var peopleNotes: Int?

    public init(
        number: Int, state: PullRequestState, title: String, body: String, headBranch: String, headSHA: String,
        baseBranch: String, labels: [String], url: String, author: String, updatedAt: Date? = nil,
        peopleNotes: Int? = nil
    ) {
        self.number = number
        self.state = state
        self.title = title
        self.body = body
        self.headBranch = headBranch
        self.headSHA = headSHA
        self.baseBranch = baseBranch
        self.labels = labels
        self.url = url
        self.author = author
        self.updatedAt = updatedAt
        self.peopleNotes = peopleNotes
    }
}
