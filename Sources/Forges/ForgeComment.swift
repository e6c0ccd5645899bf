import Foundation

/// A comment on a pull request or merge request, read for comment commands.
public struct ForgeComment: Sendable, Hashable {
    /// Forge-wide comment id (GitHub issue comment id, GitLab note id).
    public var id: Int
    /// The pull request (GitHub: issue) number the comment belongs to.
    public var pullRequestNumber: Int
    /// Login of the commenter.
    public var author: String
    public var body: String
    public var createdAt: Date
    public var updatedAt: Date
    public var url: String

    public init(
        id: Int, pullRequestNumber: Int, author: String, body: String, createdAt: Date, updatedAt: Date, url: String
    ) {
        self.id = id
        self.pullRequestNumber = pullRequestNumber
        self.author = author
        self.body = body
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.url = url
    }
}
