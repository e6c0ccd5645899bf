import Engine
import Foundation
import TestSupport
import Testing

/// A whole `run` over two repositories while the fake GitHub's API fails for the first: retried where the forge
/// did nothing, otherwise an error for the Applications it hit, the other repository untouched by it, nothing
/// closed or deleted, and the next run converges.
@Suite("run survives GitHub API faults", .serialized)
struct RunForgeFaultTests {
    static let first = GitHubFaultFleet.first
    static let second = GitHubFaultFleet.second

    @Test func serverErrorsAndSecondaryRateLimitsAreRetried() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        await fleet.inject(.serverError("pulls/list", status: 502))
        await fleet.inject(.secondaryRateLimit("pulls/list", retryAfter: 1))
        await fleet.inject(.secondaryRateLimit("pulls/create", retryAfter: 1))
        let opened = try await fleet.run()
        #expect(opened.plan.allErrors == [])
        fleet.expectNoSecret(in: opened)
        #expect(await fleet.github.calls(of: "pulls/create").map(\.status).sorted() == [201, 201, 201, 403])
        #expect(await fleet.github.calls(of: "pulls/list").map(\.status).filter { $0 != 200 }.sorted() == [403, 502])

        try await fleet.pushNewer()
        await fleet.inject(.serverError("pulls/update", status: 503))
        await fleet.inject(.secondaryRateLimit("pulls/update", retryAfter: 1))
        await fleet.inject(.serverError("issues/list-comments-for-repo", status: 500))
        let updated = try await fleet.run()
        #expect(updated.plan.allErrors == [])
        fleet.expectNoSecret(in: updated)
        let statuses = await fleet.github.calls(of: "pulls/update").map(\.status)
        #expect(statuses.filter { $0 != 200 }.sorted() == [403, 503])
        #expect(updated.actions.filter { $0.kind == .updatedPullRequest }.count == 3)
        try await fleet.expectConverges(to: SeedFixture.newerTag)
        #expect(await fleet.github.violations() == [])
    }

    @Test(arguments: [502, 504])
    func listFailingPastItsRetriesFailsOnlyThatRepository(status: Int) async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        try await fleet.pushNewer()
        let before = try await fleet.snapshot()
        await fleet.resetCalls()
        await fleet.inject(.serverError("pulls/list", status: status, times: 4))

        let result = try await fleet.run()
        #expect(result.hasErrors)
        for app in ["example", "staging"] {
            let errors = fleet.errors(of: app, in: result)
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.allSatisfy { $0.contains("list pull requests") && $0.contains("HTTP \(status)") })
            #expect(errors.allSatisfy { $0.contains("\(GitHubFaultFleet.owner)/\(Self.first)") })
        }
        #expect(fleet.errors(of: "billing", in: result) == [])
        #expect(try await fleet.openPulls(Self.second).first?.body?.contains(SeedFixture.newerTag) == true)
        // The first repository's branches were not pushed: the open pull requests were never read.
        #expect(try await fleet.snapshot().branches[Self.first] == before.branches[Self.first])
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newerTag)
    }

    @Test func createServerErrorIsNotRetriedAndTheNextRunOpensThePullRequest() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()
        await fleet.inject(.serverError("pulls/create", status: 502))

        let result = try await fleet.run()
        #expect(result.hasErrors)
        let errors = fleet.errors(of: "example", in: result)
        #expect(errors.count == 1 && errors[0].contains("create pull request") && errors[0].contains("HTTP 502"))
        #expect(result.plan.allErrors.count == 1, "\(result.plan.allErrors)")
        // POST may have taken effect on a real forge, so it is sent once.
        #expect(await fleet.github.calls(of: "pulls/create").map(\.status).sorted() == [201, 201, 502])
        #expect(try await fleet.openPulls(Self.first).map(\.head) == ["argocd-image-pr/staging"])
        #expect(try await fleet.openPulls(Self.second).count == 1)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)
        let branch = try await fleet.snapshot().branches[Self.first]?["argocd-image-pr/example"]

        try await fleet.expectConverges(to: SeedFixture.newTag)
        // The branch pushed before the failure was already right: the pull request opened on it unchanged.
        #expect(try await fleet.snapshot().branches[Self.first]?["argocd-image-pr/example"] == branch)
    }

    @Test(arguments: [(502, 4), (404, 1)])
    func updateFailureLeavesThePullRequestOpen(status: Int, times: Int) async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        try await fleet.pushNewer()
        let before = try await fleet.snapshot()
        await fleet.inject(
            FakeGitHubFailure(operationID: "pulls/update", status: status, message: "Boom", times: times))

        let result = try await fleet.run()
        let errors = fleet.errors(of: "example", in: result)
        #expect(errors.count == 1 && errors[0].contains("update pull request") && errors[0].contains("HTTP \(status)"))
        #expect(result.plan.allErrors.count == 1, "\(result.plan.allErrors)")
        let example = try #require(try await fleet.openPulls(Self.first).first { $0.head == "argocd-image-pr/example" })
        #expect(example.body?.contains("`\(SeedFixture.newTag)`") == true)
        #expect(try await fleet.openPulls(Self.first).count == 2)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newerTag)
    }

    @Test func commentsUnreadableIsReportedAndPullRequestsStillMove() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        try await fleet.pushNewer()
        let before = try await fleet.snapshot()
        await fleet.inject(.serverError("issues/list-comments-for-repo", status: 500, times: 4))

        let result = try await fleet.run()
        #expect(result.hasErrors)
        #expect(result.plan.errors.count == 1, "\(result.plan.errors)")
        #expect(result.plan.errors.allSatisfy { $0.contains("comments") && $0.contains("HTTP 500") })
        #expect(result.actions.filter { $0.kind == .updatedPullRequest }.count == 3)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newerTag)
    }

    @Test func failedClosingCommentLeavesThePullRequestOpenUntilTheNextRun() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        let directory = fleet.gitDirectory(Self.first)
        let proposed = try #require(
            GitFixture.readFile(".argocd-source-example.yaml", branch: "argocd-image-pr/example", repository: directory)
        )
        try await fleet.github.commit(
            files: [".argocd-source-example.yaml": proposed], on: "main", owner: GitHubFaultFleet.owner,
            name: Self.first)
        let branches = try await fleet.snapshot().branches[Self.first]
        await fleet.inject(.serverError("issues/create-comment", status: 502))

        let result = try await fleet.run()
        let errors = fleet.errors(of: "example", in: result)
        #expect(errors.count == 1 && errors[0].contains("HTTP 502"), "\(errors)")
        #expect(try await fleet.openPulls(Self.first).count == 2)
        #expect(try await fleet.snapshot().branches[Self.first]?["argocd-image-pr/example"] != nil)
        #expect(try await fleet.snapshot().branches[Self.first]?["main"] == branches?["main"])
        fleet.expectNoSecret(in: result)

        // Recovered: now closed with its comment and its branch deleted, once.
        let retired = try await fleet.run()
        #expect(retired.plan.allErrors == [])
        #expect(retired.actions.filter { $0.kind == .closedPullRequest }.count == 1)
        #expect(await fleet.destructiveCalls().count == 1)
        #expect(try await fleet.openPulls(Self.first).map(\.head) == ["argocd-image-pr/staging"])
        #expect(try await fleet.snapshot().branches[Self.first]?["argocd-image-pr/example"] == nil)
        let comments = await fleet.github.comments(owner: GitHubFaultFleet.owner, name: Self.first)
        #expect(comments.filter { $0.body.contains("no longer needed") }.count == 1)
    }

    @Test func secondaryRateLimitLongerThanARunWaitsIsAnErrorForThatRepository() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()
        await fleet.inject(.secondaryRateLimit("pulls/list", retryAfter: 3600))

        let result = try await fleet.run()
        for app in ["example", "staging"] {
            let errors = fleet.errors(of: app, in: result)
            #expect(errors.count == 1 && errors[0].contains("rate limited") && errors[0].contains(Self.first))
        }
        #expect(fleet.errors(of: "billing", in: result) == [])
        #expect(try await fleet.openPulls(Self.first).isEmpty)
        #expect(try await fleet.openPulls(Self.second).count == 1)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }
}
