import Foundation

/// A forge for `run --dry-run`: reads go to the real forge, every write is described, printed and recorded
/// instead of made.
public struct DryRunForge: Forge {
    private let base: any Forge
    private let log: DryRunLog
    private let printer: @Sendable (String) -> Void

    /// - Parameter printer: where each line goes (default: standard output).
    public init(wrapping base: any Forge, printer: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.base = base
        self.log = DryRunLog()
        self.printer = printer
    }

    /// The writes that would have been made, one line each, in order.
    public func writes() async -> [String] {
        await log.lines
    }

    public func pullRequests(
        in repository: ForgeRepository, headPrefix: String, state: PullRequestState?
    ) async throws -> [PullRequest] {
        try await base.pullRequests(in: repository, headPrefix: headPrefix, state: state)
    }

    public func createPullRequest(_ request: NewPullRequest, in repository: ForgeRepository) async throws -> PullRequest
    {
        var line = "create pull request \(request.head) → \(request.base) \(Self.quoted(request.title))"
        if request.draft { line += " draft" }
        if !request.labels.isEmpty { line += " labels=\(request.labels.joined(separator: ","))" }
        if !request.reviewers.isEmpty { line += " reviewers=\(request.reviewers.joined(separator: ","))" }
        if !request.assignees.isEmpty { line += " assignees=\(request.assignees.joined(separator: ","))" }
        await record(line, repository)
        return PullRequest(
            number: 0, state: .open, title: request.title, body: request.body, headBranch: request.head, headSHA: "",
            baseBranch: request.base, labels: request.labels, url: repository.webURL + "/pulls", author: "")
    }

    public func updatePullRequest(
        number: Int, title: String?, body: String?, in repository: ForgeRepository
    ) async throws -> PullRequest {
        let changed = [title.map { "title=\(Self.quoted($0))" }, body.map { _ in "body" }].compactMap { $0 }
        await record("update pull request #\(number) \(changed.joined(separator: " "))", repository)
        return PullRequest(
            number: number, state: .open, title: title ?? "", body: body ?? "", headBranch: "", headSHA: "",
            baseBranch: "", labels: [], url: repository.webURL + "/pull/\(number)", author: "")
    }

    public func closePullRequest(number: Int, comment: String?, in repository: ForgeRepository) async throws {
        await record("close pull request #\(number)\(comment == nil ? "" : " with a comment")", repository)
    }

    public func addLabels(_ labels: [String], to number: Int, in repository: ForgeRepository) async throws {
        guard !labels.isEmpty else { return }
        await record("add labels \(labels.joined(separator: ",")) to #\(number)", repository)
    }

    public func requestReviewers(_ reviewers: [String], on number: Int, in repository: ForgeRepository) async throws {
        guard !reviewers.isEmpty else { return }
        await record("request reviewers \(reviewers.joined(separator: ",")) on #\(number)", repository)
    }

    public func addAssignees(_ assignees: [String], to number: Int, in repository: ForgeRepository) async throws {
        guard !assignees.isEmpty else { return }
        await record("add assignees \(assignees.joined(separator: ",")) to #\(number)", repository)
    }

    public func comment(on number: Int, body: String, in repository: ForgeRepository) async throws {
        await record("comment on #\(number)", repository)
    }

    public func deleteBranch(_ name: String, in repository: ForgeRepository) async throws {
        await record("delete branch \(name)", repository)
    }

    public func comments(in repository: ForgeRepository, since: Date?) async throws -> [ForgeComment] {
        try await base.comments(in: repository, since: since)
    }

    public func comments(
        on pullRequests: [PullRequest], in repository: ForgeRepository, since: Date?
    ) async throws -> [ForgeComment] {
        try await base.comments(on: pullRequests, in: repository, since: since)
    }

    public func permission(of user: String, in repository: ForgeRepository) async throws -> AccessLevel {
        try await base.permission(of: user, in: repository)
    }

    public func react(to comment: ForgeComment, with reaction: Reaction, in repository: ForgeRepository) async throws {
        await record("react \(reaction.rawValue) to comment \(comment.id) on #\(comment.pullRequestNumber)", repository)
    }

    public func gitCredentials(for repository: ForgeRepository) -> ForgeCredentials? {
        base.gitCredentials(for: repository)
    }

    private func record(_ action: String, _ repository: ForgeRepository) async {
        let line = "dry-run: would \(action) in \(repository.path)"
        await log.append(line)
        printer(line)
    }

    private static func quoted(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return "\"" + (line.count > 100 ? String(line.prefix(100)) + "…" : line) + "\""
    }
}

/// The lines a `DryRunForge` printed, shared by its copies.
private actor DryRunLog {
    private(set) var lines: [String] = []

    func append(_ line: String) {
        lines.append(line)
    }
}
