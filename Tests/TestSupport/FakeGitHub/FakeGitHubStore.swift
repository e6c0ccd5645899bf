import Foundation

/// The fake GitHub's in-memory state. Every method is synchronous, so each one is atomic: two overlapping
/// runs that both try to open a pull request for one branch see one succeed and one get GitHub's 422.
actor FakeGitHubStore {
    private(set) var repositories: [String: FakeRepositoryRecord] = [:]
    private var pulls: [String: [Int: FakePullRecord]] = [:]
    private(set) var comments: [FakeCommentRecord] = []
    private var nextID = 1000
    private(set) var calls: [FakeGitHubCall] = []
    private(set) var problems: [String] = []
    private(set) var warnings: [String] = []
    private var failures: [FakeGitHubFailure] = []
    /// GitHub Apps, installations and installation tokens.
    let apps = FakeGitHubApps()

    static func key(_ owner: String, _ name: String) -> String { "\(owner)/\(name)".lowercased() }

    func makeID() -> Int {
        nextID += 1
        return nextID
    }

    func add(_ repository: FakeRepositoryRecord) {
        repositories[Self.key(repository.owner, repository.name)] = repository
    }

    func repository(_ owner: String, _ name: String) -> FakeRepositoryRecord? {
        repositories[Self.key(owner, name)]
    }

    func setCollaborator(_ login: String, permission: String, in key: String) {
        repositories[key]?.collaborators[login] = permission
    }

    // MARK: Recording

    func record(_ call: FakeGitHubCall, problems newProblems: [String], warnings newWarnings: [String]) {
        calls.append(call)
        problems += newProblems
        warnings += newWarnings
    }

    func addProblem(_ problem: String) {
        problems.append(problem)
    }

    func resetCalls() {
        calls.removeAll()
    }

    func inject(_ failure: FakeGitHubFailure) {
        failures.append(failure)
    }

    /// The next injected failure for an operation (on repository `key`), used up by one call.
    func takeFailure(for operationID: String, key: String?) -> FakeGitHubFailure? {
        guard
            let index = failures.firstIndex(where: {
                $0.operationID == operationID && $0.times > 0 && ($0.repository == nil || $0.repository == key)
            })
        else { return nil }
        failures[index].times -= 1
        let failure = failures[index]
        if failures[index].times == 0 { failures.remove(at: index) }
        return failure
    }

    // MARK: Pull requests

    func pulls(in key: String) -> [FakePullRecord] {
        (pulls[key] ?? [:]).values.sorted { $0.number < $1.number }
    }

    func pull(_ number: Int, in key: String) -> FakePullRecord? {
        pulls[key]?[number]
    }

    /// The open pull request already using `head`, or the new one.
    func createPull(
        in key: String, title: String, body: String?, head: String, base: String, draft: Bool, author: String,
        headSHA: String, baseSHA: String
    ) -> Result<FakePullRecord, FakeGitHubError> {
        guard var repository = repositories[key] else { return .failure(FakeGitHubError("no repository \(key)")) }
        if pulls[key, default: [:]].values.contains(where: { $0.head == head && $0.state == "open" }) {
            return .failure(FakeGitHubError("A pull request already exists for \(repository.owner):\(head)."))
        }
        let now = Date()
        let pull = FakePullRecord(
            number: repository.nextNumber, id: makeID(), title: title, body: body, state: "open", merged: false,
            draft: draft, head: head, base: base, headSHA: headSHA, baseSHA: baseSHA, author: author, createdAt: now,
            updatedAt: now)
        repository.nextNumber += 1
        repositories[key] = repository
        pulls[key, default: [:]][pull.number] = pull
        return .success(pull)
    }

    /// Applies `change` to a pull request and returns it, or nil when there is no such pull request.
    func updatePull(
        _ number: Int, in key: String, _ change: @Sendable (inout FakePullRecord) -> Void
    ) -> FakePullRecord? {
        guard var pull = pulls[key]?[number] else { return nil }
        change(&pull)
        pull.updatedAt = Date()
        pulls[key]?[number] = pull
        return pull
    }

    /// Refreshes head and base commits from the branches in git; as on GitHub, an open pull request whose
    /// head branch is gone is closed.
    func refresh(_ key: String, branches: [String: String]) {
        for (number, var pull) in pulls[key] ?? [:] {
            if let sha = branches[pull.head] {
                pull.headSHA = sha
            } else if pull.state == "open" {
                pull.state = "closed"
                pull.closedAt = Date()
            }
            if let sha = branches[pull.base] { pull.baseSHA = sha }
            pulls[key]?[number] = pull
        }
    }

    func addLabels(_ names: [String], to number: Int, in key: String) -> [String]? {
        guard pulls[key]?[number] != nil else { return nil }
        for name in names where repositories[key]?.labels[name] == nil {
            repositories[key]?.labels[name] = makeID()
        }
        return updatePull(number, in: key) { pull in
            for name in names where !pull.labels.contains(name) { pull.labels.append(name) }
        }?.labels
    }

    // MARK: Comments

    func addComment(to number: Int, in key: String, author: String, body: String, at date: Date) -> FakeCommentRecord? {
        guard let repository = repositories[key], pulls[key]?[number] != nil else { return nil }
        let comment = FakeCommentRecord(
            id: makeID(), repository: repository.fullName, issueNumber: number, body: body, author: author,
            createdAt: date, updatedAt: date)
        comments.append(comment)
        return comment
    }

    func comments(in key: String) -> [FakeCommentRecord] {
        comments.filter { $0.repository.lowercased() == key }
    }

    /// Adds a reaction; the Bool is false when the same user had already reacted the same way (GitHub: 200).
    func react(to commentID: Int, in key: String, user: String, content: String) -> (FakeReactionRecord, Bool)? {
        guard let index = comments.firstIndex(where: { $0.id == commentID && $0.repository.lowercased() == key }) else {
            return nil
        }
        if let existing = comments[index].reactions.first(where: { $0.user == user && $0.content == content }) {
            return (existing, false)
        }
        let reaction = FakeReactionRecord(id: makeID(), user: user, content: content, createdAt: Date())
        comments[index].reactions.append(reaction)
        return (reaction, true)
    }
}
