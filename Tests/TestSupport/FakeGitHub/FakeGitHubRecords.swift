import Foundation

/// A repository the fake GitHub serves, with its bare git repository on disk.
struct FakeRepositoryRecord: Sendable {
    let owner: String
    let name: String
    let id: Int
    var defaultBranch: String
    let gitDirectory: URL
    /// login → `admin`, `maintain`, `write`, `triage` or `read`.
    var collaborators: [String: String] = [:]
    /// label name → id; labels are created on first use, as GitHub does when adding by name.
    var labels: [String: Int] = [:]
    var nextNumber = 1

    var fullName: String { "\(owner)/\(name)" }
}

/// A pull request in the fake; `headSHA` is refreshed from the bare repository whenever it is read.
public struct FakePullRecord: Sendable {
    public let number: Int
    public let id: Int
    public var title: String
    public var body: String?
    public var state: String
    public var merged: Bool
    public var draft: Bool
    public let head: String
    public var base: String
    public var headSHA: String
    public var baseSHA: String
    public var labels: [String] = []
    public var reviewers: [String] = []
    public var assignees: [String] = []
    public let author: String
    public let createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    public var mergedAt: Date?
}

/// An issue or pull request comment in the fake.
public struct FakeCommentRecord: Sendable {
    public let id: Int
    public let repository: String
    public let issueNumber: Int
    public var body: String
    public let author: String
    public let createdAt: Date
    public var updatedAt: Date
    public var reactions: [FakeReactionRecord] = []
}

/// A reaction on a comment.
public struct FakeReactionRecord: Sendable {
    public let id: Int
    public let user: String
    public let content: String
    public let createdAt: Date
}
