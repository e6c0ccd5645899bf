import Foundation

/// Setting the scene and acting as people do on GitHub, outside the API the bot uses.
extension FakeGitHub {
    /// Creates a repository with a bare git repository; `files` (path → content) become its first commit.
    public func createRepository(
        owner: String, name: String, defaultBranch: String = "main", files: [String: String] = [:]
    ) async throws {
        let directory = try await bare.create(owner: owner, name: name, defaultBranch: defaultBranch, files: files)
        await store.add(
            FakeRepositoryRecord(
                owner: owner, name: name, id: await store.makeID(), defaultBranch: defaultBranch,
                gitDirectory: directory))
    }

    /// `<baseURL>/<owner>/<name>.git`, served over git smart HTTP with the token as basic-auth password.
    public func cloneURL(owner: String, name: String) -> String {
        "\(baseURL)/\(owner)/\(name).git"
    }

    /// The bare repository on disk, for reading what the bot pushed.
    public func gitDirectory(owner: String, name: String) -> URL {
        bare.directory(owner: owner, name: name)
    }

    /// The commit a branch points at, nil when it does not exist.
    public func branchSHA(_ branch: String, owner: String, name: String) async throws -> String? {
        try await bare.sha(of: branch, in: gitDirectory(owner: owner, name: name))
    }

    /// Pushes a commit by hand (a person updating the base branch, say).
    public func commit(
        files: [String: String], on branch: String, message: String = "Change by hand", owner: String, name: String
    ) async throws {
        try await bare.commit(files: files, on: branch, message: message, in: gitDirectory(owner: owner, name: name))
    }

    /// Creates a branch at the tip of another, as `git push origin base:refs/heads/name` would.
    public func createBranch(_ branch: String, from base: String, owner: String, name: String) async throws {
        try await bare.createBranch(branch, from: base, in: gitDirectory(owner: owner, name: name))
    }

    /// Gives a user a collaborator role: `admin`, `maintain`, `write`, `triage` or `read`.
    public func setPermission(_ role: String, for login: String, owner: String, name: String) async {
        await store.setCollaborator(login, permission: role, in: FakeGitHubStore.key(owner, name))
    }

    /// A person's comment on a pull request; returns its id.
    @discardableResult
    public func addComment(
        to number: Int, author: String, body: String, at date: Date = Date(), owner: String, name: String
    ) async throws -> Int {
        guard
            let comment = await store.addComment(
                to: number, in: FakeGitHubStore.key(owner, name), author: author, body: body, at: date)
        else { throw FakeGitHubError("no pull request #\(number) in \(owner)/\(name)") }
        return comment.id
    }

    /// A person opens a pull request (the head branch must exist); returns its number.
    @discardableResult
    public func openPullRequest(
        head: String, base: String, title: String, body: String = "", author: String, owner: String, name: String
    ) async throws -> Int {
        let key = FakeGitHubStore.key(owner, name)
        let branches = try await bare.branches(in: gitDirectory(owner: owner, name: name))
        guard let headSHA = branches[head], let baseSHA = branches[base] else {
            throw FakeGitHubError("branch \(head) or \(base) missing in \(owner)/\(name)")
        }
        let result = await store.createPull(
            in: key, title: title, body: body, head: head, base: base, draft: false, author: author, headSHA: headSHA,
            baseSHA: baseSHA)
        return try result.get().number
    }

    /// A person closes a pull request, merged or not (merging does not touch git here).
    public func closePullRequest(_ number: Int, merged: Bool, owner: String, name: String) async throws {
        let updated = await store.updatePull(number, in: FakeGitHubStore.key(owner, name)) { pull in
            let now = Date()
            pull.state = "closed"
            pull.closedAt = now
            if merged {
                pull.merged = true
                pull.mergedAt = now
            }
        }
        guard updated != nil else { throw FakeGitHubError("no pull request #\(number) in \(owner)/\(name)") }
    }

    /// Answers the next `failure.times` calls of an operation with a failure instead.
    public func inject(_ failure: FakeGitHubFailure) async {
        await store.inject(failure)
    }
}
