import Foundation

/// What tests read back from the fake GitLab.
extension FakeGitLab {
    /// Merge requests of a project by iid, head commits refreshed from git.
    public func mergeRequests(project path: String) async throws -> [FakeMergeRequestRecord] {
        let key = FakeGitLabStore.key(path)
        await store.refresh(key, branches: try await bare.branches(in: gitDirectory(project: path)))
        return await store.mergeRequests(in: key)
    }

    /// Notes of a project's merge requests, oldest first.
    public func notes(project path: String) async -> [FakeNoteRecord] {
        guard let project = await store.project(path) else { return [] }
        return await store.notes.filter { $0.projectID == project.id }
    }

    /// The user with a numeric id, if any.
    public func user(id: Int) async -> FakeGitLabUser? {
        await store.user(id: id)
    }

    /// Every request answered so far (API and git), in order.
    public func calls() async -> [FakeGitLabCall] {
        await store.calls
    }

    /// API calls that change something.
    public func writeCalls() async -> [FakeGitLabCall] {
        await store.calls.filter(\.isWrite)
    }

    /// API calls of one route, e.g. `GET /projects/:id/merge_requests`.
    public func calls(of route: String) async -> [FakeGitLabCall] {
        await store.calls.filter { $0.route == route }
    }

    /// Forgets recorded calls (not violations), e.g. between two runs.
    public func resetCalls() async {
        await store.resetCalls()
    }

    /// Requests that did not fit the documented endpoints and parameters; a test should expect none.
    public func violations() async -> [String] {
        await store.problems
    }
}
