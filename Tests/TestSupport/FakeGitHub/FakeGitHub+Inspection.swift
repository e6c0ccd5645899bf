import Foundation

/// What tests read back from the fake GitHub.
extension FakeGitHub {
    /// Pull requests of a repository by number, head commits refreshed from git.
    public func pullRequests(owner: String, name: String) async throws -> [FakePullRecord] {
        let key = FakeGitHubStore.key(owner, name)
        let branches = try await bare.branches(in: gitDirectory(owner: owner, name: name))
        await store.refresh(key, branches: branches)
        return await store.pulls(in: key)
    }

    public func comments(owner: String, name: String) async -> [FakeCommentRecord] {
        await store.comments(in: FakeGitHubStore.key(owner, name))
    }

    /// Every request answered so far (API and git), in order.
    public func calls() async -> [FakeGitHubCall] {
        await store.calls
    }

    /// API calls that change something.
    public func writeCalls() async -> [FakeGitHubCall] {
        await store.calls.filter(\.isWrite)
    }

    /// API calls of one OpenAPI operation, e.g. `pulls/list`.
    public func calls(of operationID: String) async -> [FakeGitHubCall] {
        await store.calls.filter { $0.operationID == operationID }
    }

    /// Forgets recorded calls (not violations), e.g. between two runs.
    public func resetCalls() async {
        await store.resetCalls()
    }

    /// Requests and answers that did not fit the OpenAPI description; a test should expect none.
    public func violations() async -> [String] {
        await store.problems
    }

    /// Exchanges the description does not cover (undocumented statuses such as 401, 429 or 5xx).
    public func warnings() async -> [String] {
        await store.warnings
    }
}
