import Foundation

/// A user of the fake GitLab.
public struct FakeGitLabUser: Sendable, Hashable {
    public let id: Int
    public let username: String
    public var name: String { username.capitalized }
}

/// A project the fake GitLab serves, with its bare git repository on disk.
struct FakeProjectRecord: Sendable {
    let id: Int
    /// Full path, e.g. `group/sub/project`.
    let path: String
    var defaultBranch: String
    let gitDirectory: URL
    /// user id → direct `access_level`.
    var members: [Int: Int] = [:]
    var nextIID = 1

    /// The groups above the project, outermost first: `group`, `group/sub`.
    var ancestorGroups: [String] {
        let parts = path.split(separator: "/").dropLast()
        return parts.indices.map { parts[...$0].joined(separator: "/") }
    }
}

/// A merge request in the fake; `sha` is refreshed from the bare repository whenever it is read.
public struct FakeMergeRequestRecord: Sendable {
    public let id: Int
    public let iid: Int
    public let projectID: Int
    public var title: String
    public var description: String?
    /// `opened`, `closed`, `locked` or `merged`.
    public var state: String
    public let sourceBranch: String
    public var targetBranch: String
    public var sha: String
    public var labels: [String] = []
    public var assigneeIDs: [Int] = []
    public var reviewerIDs: [Int] = []
    public let authorID: Int
    public let createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    public var mergedAt: Date?
    public var closedByID: Int?

    /// GitLab derives draft status from the title.
    public var draft: Bool {
        let lowered = title.lowercased()
        return ["draft:", "[draft]", "(draft)", "draft -"].contains { lowered.hasPrefix($0) }
    }
}

/// A note (comment) on a merge request.
public struct FakeNoteRecord: Sendable {
    public let id: Int
    public let projectID: Int
    public let mergeRequestIID: Int
    public let mergeRequestID: Int
    public var body: String
    public let authorID: Int
    public let system: Bool
    public let createdAt: Date
    public var updatedAt: Date
    public var awards: [FakeAwardRecord] = []
}

/// An emoji reaction on a note.
public struct FakeAwardRecord: Sendable {
    public let id: Int
    public let name: String
    public let userID: Int
    public let createdAt: Date
}
