import Foundation

/// The fake GitLab's in-memory state. Every method is synchronous, so each one is atomic: two overlapping runs
/// that both open a merge request for one branch see one succeed and one get GitLab's 409.
actor FakeGitLabStore {
    private(set) var projects: [String: FakeProjectRecord] = [:]
    private(set) var users: [FakeGitLabUser] = []
    /// group path (lower-cased) → user id → `access_level`.
    private var groupMembers: [String: [Int: Int]] = [:]
    private var mergeRequests: [String: [Int: FakeMergeRequestRecord]] = [:]
    private(set) var notes: [FakeNoteRecord] = []
    private var nextID = 100
    private(set) var calls: [FakeGitLabCall] = []
    private(set) var problems: [String] = []
    private var failures: [FakeGitLabFailure] = []
    /// Whether list answers carry `Link` (GitLab.com may leave it out; `x-next-page` remains).
    private(set) var linkHeaders = true

    static func key(_ path: String) -> String { path.lowercased() }

    func makeID() -> Int {
        nextID += 1
        return nextID
    }

    // MARK: Projects, users, members

    func add(_ project: FakeProjectRecord) {
        projects[Self.key(project.path)] = project
    }

    /// By full path or numeric id, as GitLab's `:id`.
    func project(_ id: String) -> FakeProjectRecord? {
        if let number = Int(id) { return projects.values.first { $0.id == number } }
        return projects[Self.key(id)]
    }

    func user(named username: String) -> FakeGitLabUser {
        if let user = users.first(where: { $0.username.lowercased() == username.lowercased() }) { return user }
        let user = FakeGitLabUser(id: makeID(), username: username)
        users.append(user)
        return user
    }

    func existingUser(named username: String) -> FakeGitLabUser? {
        users.first { $0.username.lowercased() == username.lowercased() }
    }

    func user(id: Int) -> FakeGitLabUser? {
        users.first { $0.id == id }
    }

    func setMember(_ userID: Int, level: Int?, project key: String) {
        projects[key]?.members[userID] = level
    }

    func setGroupMember(_ userID: Int, level: Int?, group: String) {
        groupMembers[Self.key(group), default: [:]][userID] = level
    }

    /// The highest membership over the project and its ancestor groups, as `members/all/:user_id` answers.
    func effectiveLevel(of userID: Int, in project: FakeProjectRecord) -> Int? {
        let inherited = project.ancestorGroups.compactMap { groupMembers[Self.key($0)]?[userID] }
        return ([project.members[userID]].compactMap { $0 } + inherited).max()
    }

    func setLinkHeaders(_ enabled: Bool) {
        linkHeaders = enabled
    }

    // MARK: Recording and failures

    func record(_ call: FakeGitLabCall, problems newProblems: [String]) {
        calls.append(call)
        problems += newProblems
    }

    func addProblem(_ problem: String) {
        problems.append(problem)
    }

    func resetCalls() {
        calls.removeAll()
    }

    func inject(_ failure: FakeGitLabFailure) {
        failures.append(failure)
    }

    /// The next injected failure for a route (of the project with this path or numeric id), used up by one call.
    func takeFailure(for route: String, project: String?) -> FakeGitLabFailure? {
        let key = project.flatMap { self.project($0) }.map { Self.key($0.path) }
        guard
            let index = failures.firstIndex(where: {
                $0.route == route && $0.times > 0 && ($0.project == nil || $0.project.map(Self.key) == key)
            })
        else { return nil }
        failures[index].times -= 1
        let failure = failures[index]
        if failures[index].times == 0 { failures.remove(at: index) }
        return failure
    }

    // MARK: Merge requests

    func mergeRequests(in key: String) -> [FakeMergeRequestRecord] {
        (mergeRequests[key] ?? [:]).values.sorted { $0.iid < $1.iid }
    }

    func mergeRequest(_ iid: Int, in key: String) -> FakeMergeRequestRecord? {
        mergeRequests[key]?[iid]
    }

    /// The new merge request, or the iid of the open one already using `source`.
    func createMergeRequest(
        in key: String, title: String, description: String?, source: String, target: String, sha: String,
        authorID: Int
    ) -> Result<FakeMergeRequestRecord, FakeGitLabError> {
        guard var project = projects[key] else { return .failure(FakeGitLabError("no project \(key)")) }
        if let open = mergeRequests[key, default: [:]].values.first(where: {
            $0.sourceBranch == source && $0.state == "opened"
        }) {
            return .failure(FakeGitLabError("!\(open.iid)"))
        }
        let now = Date()
        let request = FakeMergeRequestRecord(
            id: makeID(), iid: project.nextIID, projectID: project.id, title: title, description: description,
            state: "opened", sourceBranch: source, targetBranch: target, sha: sha, authorID: authorID,
            createdAt: now, updatedAt: now)
        project.nextIID += 1
        projects[key] = project
        mergeRequests[key, default: [:]][request.iid] = request
        return .success(request)
    }

    /// Applies `change` and returns the merge request, or nil when there is none.
    func updateMergeRequest(
        _ iid: Int, in key: String, touch: Date = Date(), _ change: @Sendable (inout FakeMergeRequestRecord) -> Void
    ) -> FakeMergeRequestRecord? {
        guard var request = mergeRequests[key]?[iid] else { return nil }
        change(&request)
        request.updatedAt = max(request.updatedAt, touch)
        mergeRequests[key]?[iid] = request
        return request
    }

    /// Head commits from git; unlike GitHub, GitLab leaves a merge request open when its branch is deleted.
    func refresh(_ key: String, branches: [String: String]) {
        for (iid, var request) in mergeRequests[key] ?? [:] {
            if let sha = branches[request.sourceBranch], request.state == "opened" { request.sha = sha }
            mergeRequests[key]?[iid] = request
        }
    }

    // MARK: Notes

    /// Adds a note and touches its merge request, as GitLab does.
    func addNote(
        to iid: Int, in key: String, authorID: Int, body: String, system: Bool, at date: Date
    )
        -> FakeNoteRecord?
    {
        guard let request = mergeRequests[key]?[iid] else { return nil }
        let note = FakeNoteRecord(
            id: makeID(), projectID: request.projectID, mergeRequestIID: iid, mergeRequestID: request.id, body: body,
            authorID: authorID, system: system, createdAt: date, updatedAt: date)
        notes.append(note)
        _ = updateMergeRequest(iid, in: key, touch: date) { _ in }
        return note
    }

    func notes(of iid: Int, projectID: Int) -> [FakeNoteRecord] {
        notes.filter { $0.projectID == projectID && $0.mergeRequestIID == iid }
    }

    /// Adds an award; nil when there is no such note, false when the user already gave that emoji.
    func award(_ name: String, to noteID: Int, projectID: Int, userID: Int) -> (FakeAwardRecord, Bool)? {
        guard let index = notes.firstIndex(where: { $0.id == noteID && $0.projectID == projectID }) else {
            return nil
        }
        if let existing = notes[index].awards.first(where: { $0.name == name && $0.userID == userID }) {
            return (existing, false)
        }
        let award = FakeAwardRecord(id: makeID(), name: name, userID: userID, createdAt: Date())
        notes[index].awards.append(award)
        return (award, true)
    }
}
