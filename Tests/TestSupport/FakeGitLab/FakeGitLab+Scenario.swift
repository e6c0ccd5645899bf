import Foundation

/// Setting the scene and acting as people do on GitLab, outside the API the bot uses.
extension FakeGitLab {
    /// Creates a project at a full path (`group/sub/project`) with a bare git repository; `files` (path →
    /// content) become the first commit of its default branch.
    public func createProject(
        _ path: String, defaultBranch: String = "main", files: [String: String] = [:]
    ) async throws {
        let (namespace, name) = try Self.split(path)
        let directory = try await bare.create(owner: namespace, name: name, defaultBranch: defaultBranch, files: files)
        await store.add(
            FakeProjectRecord(
                id: await store.makeID(), path: path, defaultBranch: defaultBranch, gitDirectory: directory))
    }

    /// `<baseURL>/<path>.git`, served over git smart HTTP with the token as basic-auth password.
    public func cloneURL(project path: String) -> String {
        "\(baseURL)/\(path).git"
    }

    /// The bare repository on disk, for reading what the bot pushed.
    public func gitDirectory(project path: String) throws -> URL {
        let (namespace, name) = try Self.split(path)
        return bare.directory(owner: namespace, name: name)
    }

    /// The commit a branch points at, nil when it does not exist.
    public func branchSHA(_ branch: String, project path: String) async throws -> String? {
        try await bare.sha(of: branch, in: gitDirectory(project: path))
    }

    /// Pushes a commit by hand (a person updating the target branch, say).
    public func commit(
        files: [String: String], on branch: String, message: String = "Change by hand", project path: String
    ) async throws {
        try await bare.commit(files: files, on: branch, message: message, in: gitDirectory(project: path))
    }

    /// Creates a branch at the tip of another.
    public func createBranch(_ branch: String, from base: String, project path: String) async throws {
        try await bare.createBranch(branch, from: base, in: gitDirectory(project: path))
    }

    /// The user with that name, created on first use.
    @discardableResult
    public func user(_ username: String) async -> FakeGitLabUser {
        await store.user(named: username)
    }

    /// Makes a user a direct project member with a numeric `access_level` (nil removes the membership).
    public func setAccessLevel(_ level: Int?, for username: String, project path: String) async {
        let user = await store.user(named: username)
        await store.setMember(user.id, level: level, project: FakeGitLabStore.key(path))
    }

    /// Makes a user a member of a group (e.g. `group` or `group/sub`); projects below it inherit the role.
    public func setGroupAccessLevel(_ level: Int?, for username: String, group: String) async {
        let user = await store.user(named: username)
        await store.setGroupMember(user.id, level: level, group: group)
    }

    /// A person's note (or a system note) on a merge request; returns its id.
    @discardableResult
    public func addNote(
        to iid: Int, author: String, body: String, at date: Date = Date(), system: Bool = false, project path: String
    ) async throws -> Int {
        let user = await store.user(named: author)
        guard
            let note = await store.addNote(
                to: iid, in: FakeGitLabStore.key(path), authorID: user.id, body: body, system: system, at: date)
        else { throw FakeGitLabError("no merge request !\(iid) in \(path)") }
        return note.id
    }

    /// A person opens a merge request (the source branch must exist); returns its iid.
    @discardableResult
    public func openMergeRequest(
        source: String, target: String, title: String, description: String = "", author: String, project path: String
    ) async throws -> Int {
        guard let sha = try await branchSHA(source, project: path) else {
            throw FakeGitLabError("branch \(source) missing in \(path)")
        }
        let user = await store.user(named: author)
        let result = await store.createMergeRequest(
            in: FakeGitLabStore.key(path), title: title, description: description, source: source, target: target,
            sha: sha, authorID: user.id)
        return try result.get().iid
    }

    /// A person merges or closes a merge request (merging does not touch git here).
    public func closeMergeRequest(
        _ iid: Int, merged: Bool, by username: String = "alice", project path: String
    )
        async throws
    {
        let user = await store.user(named: username)
        let updated = await store.updateMergeRequest(iid, in: FakeGitLabStore.key(path)) { record in
            record.state = merged ? "merged" : "closed"
            record.closedByID = user.id
            if merged { record.mergedAt = Date() } else { record.closedAt = Date() }
        }
        guard updated != nil else { throw FakeGitLabError("no merge request !\(iid) in \(path)") }
    }

    /// Answers the next `failure.times` calls of a route with a failure instead.
    public func inject(_ failure: FakeGitLabFailure) async {
        await store.inject(failure)
    }

    /// Whether list answers carry a `Link` header; without it only `x-next-page` tells the next page.
    public func setLinkHeaders(_ enabled: Bool) async {
        await store.setLinkHeaders(enabled)
    }

    private static func split(_ path: String) throws -> (String, String) {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2, let name = parts.last else {
            throw FakeGitLabError("a project path is <group>/<project>, not \(path)")
        }
        return (parts.dropLast().joined(separator: "/"), name)
    }
}
