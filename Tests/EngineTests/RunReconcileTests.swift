import Engine
import Foundation
import TestSupport
import Testing

/// `run` against a real registry, real git and the fake GitHub: one pull request per Application, updated in
/// place, closed when no longer needed, never duplicated.
@Suite("run reconciles pull requests", .serialized)
struct RunReconcileTests {
    @Test func firstRunOpensOnePullRequestPerApplicationAndSecondRunWritesNothing() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }

        let first = try await fixture.run()
        #expect(first.plan.allErrors == [])
        let pulls = try await fixture.openPulls()
        #expect(pulls.map(\.head) == ["argocd-image-pr/example", "argocd-image-pr/staging"])
        for pull in pulls {
            #expect(pull.base == "main")
            #expect(pull.labels.contains("argocd-image-pr"))
            #expect(pull.author == fixture.github.botLogin)
            let body = try #require(pull.body)
            #expect(body.contains("`\(SeedFixture.oldTag)` | `\(SeedFixture.newTag)`"))
            #expect(body.contains("sha256:"))
            #expect(body.contains("<!-- argocd-image-pr: {"))
        }
        let override = try #require(fixture.file(".argocd-source-example.yaml", on: "argocd-image-pr/example"))
        #expect(override.contains("value: \(SeedFixture.newTag)"))
        #expect(fixture.file(".argocd-source-example.yaml", on: "main") == nil)
        #expect(first.actions.filter { $0.kind == .openedPullRequest }.count == 2)
        #expect(first.actions.filter { $0.kind == .pushedBranch }.count == 2)
        #expect(await fixture.github.violations() == [])

        let branches = fixture.branches()
        await fixture.github.resetCalls()
        let second = try await fixture.run()
        #expect(second.plan.allErrors == [])
        #expect(await fixture.github.writeCalls().map(\.description) == [])
        #expect(await fixture.github.calls(of: "pulls/list").count == 1)
        #expect(fixture.branches() == branches)
        #expect(second.actions.isEmpty, "\(second.actions.map(\.line))")
        #expect(await fixture.github.violations() == [])
    }

    @Test func newerTagUpdatesTheSamePullRequest() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let before = try await fixture.openPulls()
        let branchBefore = try await fixture.branch("argocd-image-pr/example")

        try await fixture.pushNewer()
        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        let after = try await fixture.pulls()
        #expect(after.map(\.number) == before.map(\.number))
        #expect(after.allSatisfy { $0.state == "open" })
        for pull in after {
            #expect(pull.body?.contains("`\(SeedFixture.newerTag)`") == true)
        }
        #expect(try await fixture.branch("argocd-image-pr/example") != branchBefore)
        let override = try #require(fixture.file(".argocd-source-example.yaml", on: "argocd-image-pr/example"))
        #expect(override.contains("value: \(SeedFixture.newerTag)"))
        #expect(await fixture.github.calls(of: "pulls/update").count == 2)
        #expect(await fixture.github.calls(of: "pulls/create").count == 2)
        #expect(await fixture.github.violations() == [])
    }

    @Test func baseUpdatedByHandClosesThePullRequestAndDeletesTheBranch() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let proposed = try #require(fixture.file(".argocd-source-example.yaml", on: "argocd-image-pr/example"))
        try await fixture.github.commit(
            files: [".argocd-source-example.yaml": proposed], on: "main", owner: RunFixture.owner,
            name: RunFixture.name)

        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        let pulls = try await fixture.pulls()
        let example = try #require(pulls.first { $0.head == "argocd-image-pr/example" })
        #expect(example.state == "closed")
        #expect(!example.merged)
        #expect(try await fixture.branch("argocd-image-pr/example") == nil)
        let comments = await fixture.github.comments(owner: RunFixture.owner, name: RunFixture.name)
        #expect(comments.contains { $0.issueNumber == example.number && $0.body.contains("no longer needed") })
        #expect(pulls.first { $0.head == "argocd-image-pr/staging" }?.state == "open")
        #expect(result.actions.contains { $0.kind == .closedPullRequest && $0.pullRequest == example.number })

        // Closed by the bot is not a decline: a newer version opens a fresh pull request for both images.
        try await fixture.pushNewer()
        _ = try await fixture.run()
        let reopened = try await fixture.openPulls().first { $0.head == "argocd-image-pr/example" }
        #expect(reopened?.body?.contains("**frontend**") == true)
        #expect(reopened?.body?.contains("**backend**") == true)
        #expect(await fixture.github.violations() == [])
    }

    @Test func registryDownLeavesPullRequestsAloneAndReportsTheError() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let pulls = try await fixture.pulls()
        let branches = fixture.branches()
        try await fixture.registry.stop()
        await fixture.github.resetCalls()

        let result = try await fixture.run()
        #expect(result.hasErrors)
        #expect(result.plan.allErrors.contains { $0.contains("image frontend") })
        #expect(await fixture.github.writeCalls().map(\.description) == [])
        #expect(try await fixture.pulls().map(\.state) == pulls.map(\.state))
        #expect(fixture.branches() == branches)
    }

    @Test func overlappingRunsOpenOnePullRequestPerApplication() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        async let first = fixture.run()
        async let second = fixture.run()
        let results = try await [first, second]
        for result in results {
            #expect(result.plan.allErrors == [])
        }
        let pulls = try await fixture.pulls()
        #expect(pulls.map(\.head).sorted() == ["argocd-image-pr/example", "argocd-image-pr/staging"])
        #expect(pulls.allSatisfy { $0.state == "open" })
        #expect(await fixture.github.violations() == [])
    }

    @Test func forbiddenCreateNamesTheMissingPermission() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        await fixture.github.inject(.createForbidden(times: 2))
        let result = try await fixture.run()
        #expect(result.hasErrors)
        let errors = result.plan.allErrors
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.contains("pull-requests: write") }, "\(errors)")
        #expect(errors.allSatisfy { !$0.contains(fixture.github.token) })
        #expect(try await fixture.pulls().isEmpty)
    }
}
