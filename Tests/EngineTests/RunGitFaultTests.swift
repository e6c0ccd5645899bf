import Engine
import Foundation
import TestSupport
import Testing

/// A whole `run` over two repositories while git fails for the first: a push refused by a hook, a branch moved
/// under the push, a branch deleted between runs. Errors name the reason, nothing is opened or closed for it,
/// the other repository is untouched, and the next run converges.
@Suite("run survives git faults", .serialized)
struct RunGitFaultTests {
    static let first = GitHubFaultFleet.first
    static let second = GitHubFaultFleet.second
    static let example = "argocd-image-pr/example"

    @Test func pushRefusedByAHookNamesTheReasonAndOpensNothingForIt() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        let directory = fleet.gitDirectory(Self.first)
        let reason = "policy: example is frozen until Monday"
        try FaultFleetFiles.installHook(
            "pre-receive", script: FaultFleetFiles.refusingHook(branch: Self.example, reason: reason), in: directory)
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        let errors = fleet.errors(of: "example", in: result)
        #expect(errors.count == 1, "\(result.plan.allErrors)")
        #expect(errors.allSatisfy { $0.contains(reason) && $0.contains("rejected") }, "\(errors)")
        #expect(result.plan.allErrors.count == 1)
        #expect(try await fleet.openPulls(Self.first).map(\.head) == ["argocd-image-pr/staging"])
        #expect(try await fleet.openPulls(Self.second).count == 1)
        #expect(await fleet.github.calls(of: "pulls/create").count == 2)
        #expect(try await fleet.snapshot().branches[Self.first]?[Self.example] == nil)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)

        try FaultFleetFiles.removeHook("pre-receive", in: directory)
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    @Test func branchMovedOnceDuringThePushIsReadAgainAndWritten() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        try await fleet.pushNewer()
        let others = try await personCommits(in: fleet)
        try FaultFleetFiles.installHook(
            "pre-receive", script: FaultFleetFiles.movingHook(branch: Self.example, commits: others, times: 1),
            in: fleet.gitDirectory(Self.first))

        let result = try await fleet.run()
        #expect(result.plan.allErrors == [])
        #expect(result.actions.filter { $0.kind == .pushedBranch }.count == 3)
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newerTag)
    }

    @Test func branchThatKeepsMovingIsAnErrorAndTheNextRunConverges() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        try await fleet.pushNewer()
        let others = try await personCommits(in: fleet)
        let directory = fleet.gitDirectory(Self.first)
        try FaultFleetFiles.installHook(
            "pre-receive", script: FaultFleetFiles.movingHook(branch: Self.example, commits: others, times: 3),
            in: directory)
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        try await fleet.expectKeptMoving(
            result, app: "example", branch: Self.example, in: Self.first, movedTo: others, since: before,
            describing: SeedFixture.newTag, convergesTo: SeedFixture.newerTag)
    }

    @Test func branchDeletedOnTheServerClosesItsPullRequestWhichIsReadAsADecline() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        let directory = fleet.gitDirectory(Self.first)
        try GitFixture.run(["--git-dir", directory.path, "update-ref", "-d", "refs/heads/\(Self.example)"])
        // GitHub closes a pull request whose head branch is deleted.
        let closed = try #require(try await fleet.pulls(Self.first).first { $0.head == Self.example })
        #expect(closed.state == "closed")
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        #expect(result.plan.allErrors == [])
        #expect(result.actions.filter { $0.kind == .recordedState }.count == 1)
        #expect(result.actions.filter { $0.kind == .pushedBranch || $0.kind == .openedPullRequest }.isEmpty)
        #expect(try await fleet.openPulls(Self.first).map(\.head) == ["argocd-image-pr/staging"])
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)

        // A newer version is not declined: the branch comes back with one fresh pull request.
        try await fleet.pushNewer()
        try await fleet.expectConverges(to: SeedFixture.newerTag)
        #expect(try await fleet.pulls(Self.first).filter { $0.head == Self.example }.count == 2)
    }

    /// Closing a pull request that is no longer needed is remembered on the state branch first; when that push is
    /// refused, nothing is closed or deleted.
    @Test func stateBranchRefusedMeansNothingIsClosed() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        let directory = fleet.gitDirectory(Self.first)
        let proposed = try #require(
            GitFixture.readFile(".argocd-source-example.yaml", branch: Self.example, repository: directory))
        try await fleet.github.commit(
            files: [".argocd-source-example.yaml": proposed], on: "main", owner: GitHubFaultFleet.owner,
            name: Self.first)
        let reason = "policy: no new branches today"
        try FaultFleetFiles.installHook(
            "pre-receive", script: FaultFleetFiles.refusingHook(branch: FaultFleetFiles.stateBranch, reason: reason),
            in: directory)
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        let errors = fleet.errors(of: "example", in: result)
        #expect(errors.count == 1 && errors[0].contains(reason), "\(result.plan.allErrors)")
        #expect(result.plan.allErrors.count == 1)
        #expect(try await fleet.openPulls(Self.first).count == 2)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)

        try FaultFleetFiles.removeHook("pre-receive", in: directory)
        let retired = try await fleet.run()
        #expect(retired.plan.allErrors == [])
        #expect(retired.actions.filter { $0.kind == .closedPullRequest }.count == 1)
        #expect(try await fleet.openPulls(Self.first).map(\.head) == ["argocd-image-pr/staging"])
        #expect(try await fleet.snapshot().branches[Self.first]?[Self.example] == nil)
    }

    /// Two commits a person pushed, each on its own branch off `main`.
    private func personCommits(in fleet: GitHubFaultFleet) async throws -> [String] {
        var commits: [String] = []
        for name in ["person/a", "person/b"] {
            try await fleet.github.createBranch(name, from: "main", owner: GitHubFaultFleet.owner, name: Self.first)
            try await fleet.github.commit(
                files: ["notes-\(name.dropFirst(7)).txt": name], on: name, owner: GitHubFaultFleet.owner,
                name: Self.first)
            commits.append(
                try #require(try await fleet.github.branchSHA(name, owner: GitHubFaultFleet.owner, name: Self.first)))
        }
        return commits
    }
}
