import Engine
import Foundation
import TestSupport
import Testing

/// `run` against a real registry, real git and the fake GitLab: one merge request per Application, updated in
/// place, closed with a note when no longer needed, never duplicated — the same engine as on GitHub.
@Suite("run reconciles GitLab merge requests", .serialized)
struct RunGitLabReconcileTests {
    @Test func firstRunOpensOneMergeRequestPerApplicationAndSecondRunWritesNothing() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }

        let first = try await fixture.run()
        #expect(first.plan.allErrors == [])
        let requests = try await fixture.openMergeRequests()
        #expect(requests.map(\.sourceBranch) == ["argocd-image-pr/example", "argocd-image-pr/staging"])
        let bot = await fixture.gitlab.user(fixture.gitlab.botUsername)
        for request in requests {
            #expect(request.targetBranch == "main")
            #expect(request.labels.contains("argocd-image-pr"))
            #expect(request.authorID == bot.id)
            #expect(!request.draft)
            let description = try #require(request.description)
            #expect(description.contains("`\(SeedFixture.oldTag)` | `\(SeedFixture.newTag)`"))
            #expect(description.contains("sha256:"))
            #expect(description.contains("<!-- argocd-image-pr: {"))
            #expect(description.contains("merge request"))
            #expect(!description.contains("pull request"), "GitLab wording")
        }
        let override = try #require(try fixture.file(".argocd-source-example.yaml", on: "argocd-image-pr/example"))
        #expect(override.contains("value: \(SeedFixture.newTag)"))
        #expect(try fixture.file(".argocd-source-example.yaml", on: "main") == nil)
        #expect(first.actions.filter { $0.kind == .openedPullRequest }.map(\.pullRequest) == requests.map(\.iid))
        #expect(first.actions.filter { $0.kind == .pushedBranch }.count == 2)
        let opened = first.actions.filter { $0.kind == .openedPullRequest }.map(\.line)
        #expect(opened.map { $0.hasPrefix("opened MR !") } == [true, true], "\(opened)")
        #expect(await fixture.gitlab.calls(of: RunGitLabFixture.createRoute).count == 2)
        #expect(await fixture.gitlab.violations() == [])

        let branches = try fixture.branches()
        await fixture.gitlab.resetCalls()
        let second = try await fixture.run()
        #expect(second.plan.allErrors == [])
        #expect(await fixture.gitlab.writeCalls().map(\.description) == [])
        #expect(await fixture.openListCalls().count == 1)
        #expect(try fixture.branches() == branches)
        #expect(second.actions.isEmpty, "\(second.actions.map(\.line))")
        #expect(await fixture.gitlab.violations() == [])
    }

    @Test func newerTagUpdatesTheSameMergeRequest() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let before = try await fixture.openMergeRequests()
        let branchBefore = try await fixture.branch("argocd-image-pr/example")

        try await fixture.pushNewer()
        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        let after = try await fixture.mergeRequests()
        #expect(after.map(\.iid) == before.map(\.iid))
        #expect(after.allSatisfy { $0.state == "opened" })
        for request in after {
            #expect(request.description?.contains("`\(SeedFixture.newerTag)`") == true)
            #expect(request.title.contains(SeedFixture.newerTag))
        }
        let branchAfter = try await fixture.branch("argocd-image-pr/example")
        #expect(branchAfter != nil && branchAfter != branchBefore)
        #expect(after.first?.sha == branchAfter)
        let override = try #require(try fixture.file(".argocd-source-example.yaml", on: "argocd-image-pr/example"))
        #expect(override.contains("value: \(SeedFixture.newerTag)"))
        let updates = await fixture.gitlab.calls(of: "PUT /projects/:id/merge_requests/:merge_request_iid")
        #expect(updates.count == 2)
        #expect(await fixture.gitlab.calls(of: RunGitLabFixture.createRoute).count == 2)
        #expect(result.actions.filter { $0.kind == .updatedPullRequest }.count == 2)
        #expect(await fixture.gitlab.violations() == [])
    }

    @Test func baseUpdatedByHandClosesTheMergeRequestWithANoteAndDeletesTheBranch() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let proposed = try #require(try fixture.file(".argocd-source-example.yaml", on: "argocd-image-pr/example"))
        try await fixture.gitlab.commit(
            files: [".argocd-source-example.yaml": proposed], on: "main", project: fixture.project)

        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        let requests = try await fixture.mergeRequests()
        let example = try #require(requests.first { $0.sourceBranch == "argocd-image-pr/example" })
        #expect(example.state == "closed")
        #expect(example.mergedAt == nil)
        #expect(try await fixture.branch("argocd-image-pr/example") == nil)
        let notes = await fixture.gitlab.notes(project: fixture.project)
        let note = try #require(notes.first { $0.mergeRequestIID == example.iid })
        #expect(note.body.contains("no longer needed"))
        #expect(note.body.contains("merge request"), "GitLab wording: \(note.body)")
        #expect(!note.system)
        let closes = await fixture.gitlab.calls(of: "PUT /projects/:id/merge_requests/:merge_request_iid")
        #expect(closes.map { $0.body?.contains("\"state_event\":\"close\"") == true } == [true])
        #expect(requests.first { $0.sourceBranch == "argocd-image-pr/staging" }?.state == "opened")
        let closed = try #require(result.actions.first { $0.kind == .closedPullRequest })
        #expect(closed.pullRequest == example.iid)
        #expect(closed.line.hasPrefix("closed MR !\(example.iid) for example"), "\(closed.line)")

        // Closed by the bot is not a decline: a newer version opens a fresh merge request for both images.
        try await fixture.pushNewer()
        _ = try await fixture.run()
        let reopened = try #require(
            try await fixture.openMergeRequests().first {
                $0.sourceBranch == "argocd-image-pr/example"
            })
        #expect(reopened.iid != example.iid)
        #expect(reopened.description?.contains("**frontend**") == true)
        #expect(reopened.description?.contains("**backend**") == true)
        #expect(await fixture.gitlab.violations() == [])
    }

    @Test func registryDownLeavesMergeRequestsAloneAndReportsTheError() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let requests = try await fixture.mergeRequests()
        let branches = try fixture.branches()
        try await fixture.registry.stop()
        await fixture.gitlab.resetCalls()

        let result = try await fixture.run()
        #expect(result.hasErrors)
        #expect(result.plan.allErrors.contains { $0.contains("image frontend") })
        #expect(await fixture.gitlab.writeCalls().map(\.description) == [])
        let after = try await fixture.mergeRequests()
        #expect(after.map(\.state) == requests.map(\.state))
        #expect(after.map(\.description) == requests.map(\.description))
        #expect(try fixture.branches() == branches)
    }

    @Test func overlappingRunsOpenOneMergeRequestPerApplication() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        async let first = fixture.run()
        async let second = fixture.run()
        let results = try await [first, second]
        for result in results {
            #expect(result.plan.allErrors == [])
        }
        let requests = try await fixture.mergeRequests()
        #expect(requests.map(\.sourceBranch).sorted() == ["argocd-image-pr/example", "argocd-image-pr/staging"])
        #expect(requests.allSatisfy { $0.state == "opened" })
        #expect(await fixture.gitlab.violations() == [])
    }

    @Test func forbiddenCreateNamesTheTokenTypeNeeded() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        await fixture.gitlab.inject(.createForbidden(times: 2))
        let result = try await fixture.run()
        #expect(result.hasErrors)
        let errors = result.plan.allErrors
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.contains("may not create merge requests") }, "\(errors)")
        #expect(errors.allSatisfy { $0.contains("`api` scope") && $0.contains("access token") }, "\(errors)")
        #expect(errors.allSatisfy { !$0.contains(fixture.gitlab.token) })
        #expect(try await fixture.mergeRequests().isEmpty)
    }
}
