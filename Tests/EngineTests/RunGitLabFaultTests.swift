import Engine
import Foundation
import TestSupport
import Testing

/// A whole `run` over two projects while the fake GitLab (API or git) fails for the first: retried where GitLab
/// did nothing, otherwise an error for the Applications it hit, the other project untouched by it, nothing closed
/// or deleted, and the next run converges to one merge request per Application.
@Suite("run survives GitLab faults", .serialized)
struct RunGitLabFaultTests {
    static let first = GitLabFaultFleet.first
    static let second = GitLabFaultFleet.second
    static let example = "argocd-image-pr/example"

    @Test func serverErrorsOnTheListAreRetried() async throws {
        let fleet = try await GitLabFaultFleet.make()
        defer { Task { await fleet.stop() } }
        await fleet.inject(.serverError(FakeGitLabFailure.listMergeRequests, status: 502, times: 2))
        let result = try await fleet.run()
        #expect(result.plan.allErrors == [])
        fleet.expectNoSecret(in: result)
        let statuses = await fleet.gitlab.calls(of: FakeGitLabFailure.listMergeRequests).map(\.status)
        #expect(statuses.filter { $0 == 502 }.count == 2)
        try await fleet.expectConverges(to: SeedFixture.newTag)
        #expect(await fleet.gitlab.violations() == [])
    }

    @Test func listFailingPastItsRetriesFailsOnlyThatProject() async throws {
        let fleet = try await GitLabFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        try await fleet.pushNewer()
        let before = try await fleet.snapshot()
        await fleet.inject(.serverError(FakeGitLabFailure.listMergeRequests, status: 500, times: 4))

        let result = try await fleet.run()
        for app in ["example", "staging"] {
            let errors = fleet.errors(of: app, in: result)
            #expect(errors.count == 1 && errors[0].contains("list merge requests") && errors[0].contains("HTTP 500"))
            #expect(errors.allSatisfy { $0.contains(Self.first) }, "\(errors)")
        }
        #expect(fleet.errors(of: "billing", in: result) == [])
        #expect(
            try await fleet.openMergeRequests(Self.second).first?.description?.contains(SeedFixture.newerTag) == true)
        #expect(try await fleet.snapshot().branches[Self.first] == before.branches[Self.first])
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newerTag)
    }

    @Test func createServerErrorIsNotRetriedAndTheNextRunOpensTheMergeRequest() async throws {
        let fleet = try await GitLabFaultFleet.make()
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()
        await fleet.inject(.serverError(FakeGitLabFailure.createMergeRequest, status: 503))

        let result = try await fleet.run()
        let errors = fleet.errors(of: "example", in: result)
        #expect(errors.count == 1 && errors[0].contains("HTTP 503"), "\(result.plan.allErrors)")
        #expect(result.plan.allErrors.count == 1)
        #expect(await fleet.gitlab.calls(of: FakeGitLabFailure.createMergeRequest).count == 3)
        #expect(try await fleet.openMergeRequests(Self.first).map(\.sourceBranch) == ["argocd-image-pr/staging"])
        #expect(try await fleet.openMergeRequests(Self.second).count == 1)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    @Test func conflictWithoutAnOpenMergeRequestIsAnErrorAndTheNextRunOpensIt() async throws {
        let fleet = try await GitLabFaultFleet.make()
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()
        // GitLab's 409 says another merge request exists; re-reading finds none (it was closed meanwhile).
        await fleet.inject(
            FakeGitLabFailure(
                route: FakeGitLabFailure.createMergeRequest, status: 409,
                message: "Another open merge request already exists for this source branch: !7"))

        let result = try await fleet.run()
        let errors = fleet.errors(of: "example", in: result)
        #expect(errors.count == 1 && errors[0].contains("409"), "\(result.plan.allErrors)")
        #expect(result.plan.allErrors.count == 1)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    @Test func branchThatKeepsMovingIsAnErrorAndTheNextRunConverges() async throws {
        let fleet = try await GitLabFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        try await fleet.pushNewer()
        var others: [String] = []
        for name in ["person/a", "person/b"] {
            try await fleet.gitlab.createBranch(name, from: "main", project: Self.first)
            try await fleet.gitlab.commit(files: ["\(name.dropFirst(7)).txt": name], on: name, project: Self.first)
            others.append(try #require(try await fleet.gitlab.branchSHA(name, project: Self.first)))
        }
        let directory = try fleet.gitDirectory(Self.first)
        try FaultFleetFiles.installHook(
            "pre-receive", script: FaultFleetFiles.movingHook(branch: Self.example, commits: others, times: 3),
            in: directory)
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        try await fleet.expectKeptMoving(
            result, app: "example", branch: Self.example, in: Self.first, movedTo: others, since: before,
            describing: SeedFixture.newTag, convergesTo: SeedFixture.newerTag)
    }

    @Test func sourceBranchDeletedUnderAnOpenMergeRequestIsWrittenAgain() async throws {
        let fleet = try await GitLabFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        let opened = try await fleet.openMergeRequests(Self.first)
        let directory = try fleet.gitDirectory(Self.first)
        try GitFixture.run(["--git-dir", directory.path, "update-ref", "-d", "refs/heads/\(Self.example)"])

        // GitLab keeps the merge request open without its branch: the run pushes the branch again, same request.
        let result = try await fleet.run()
        #expect(result.plan.allErrors == [])
        #expect(result.actions.filter { $0.kind == .pushedBranch }.count == 1)
        #expect(try await fleet.openMergeRequests(Self.first).map(\.iid) == opened.map(\.iid))
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    @Test func connectionResetMidPushFailsOnlyThatProject() async throws {
        let fleet = try await GitLabFaultFleet.make(proxyFaults: [
            FaultRule(path: "/git-receive-pack", method: "POST", fault: .resetConnection)
        ])
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        try await fleet.expectPushFailedOnly(in: Self.first, healthy: Self.second, result: result, since: before)

        await fleet.proxy?.heal()
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }
}
