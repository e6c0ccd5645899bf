import Engine
import Foundation
import TestSupport
import Testing

/// The `pullRequests:` settings as GitLab has them (labels, assignees and reviewers by user id, draft in the
/// title), and GitLab's throttling, through a whole run.
@Suite("run applies merge request settings on GitLab", .serialized)
struct RunGitLabSettingsTests {
    @Test func labelsAssigneesReviewersAndDraftComeFromTheConfiguration() async throws {
        let started = try await RunGitLabFixture.make()
        defer { Task { await started.stop() } }
        var fixture = started
        let alice = await fixture.gitlab.user("alice")
        let bob = await fixture.gitlab.user("bob")
        fixture.pullRequests = PullRequestSettings(
            labels: ["dependencies"], reviewers: ["bob"], assignees: ["alice"], draft: true)

        let first = try await fixture.run()
        #expect(first.plan.allErrors == [])
        let requests = try await fixture.openMergeRequests()
        #expect(requests.count == 2)
        for request in requests {
            #expect(request.draft, "\(request.title)")
            #expect(Set(request.labels) == ["argocd-image-pr", "dependencies"])
            #expect(request.assigneeIDs == [alice.id])
            #expect(request.reviewerIDs == [bob.id])
        }
        #expect(await fixture.gitlab.violations() == [])

        // The draft marker is GitLab's, not a changed title: nothing to write.
        await fixture.gitlab.resetCalls()
        let second = try await fixture.run()
        #expect(second.plan.allErrors == [])
        #expect(await fixture.gitlab.writeCalls().map(\.description) == [])

        // A new title keeps the merge request a draft.
        try await fixture.pushNewer()
        let third = try await fixture.run()
        #expect(third.plan.allErrors == [])
        let updated = try await fixture.openMergeRequests()
        #expect(updated.map(\.iid) == requests.map(\.iid))
        #expect(updated.allSatisfy { $0.draft && $0.title.contains(SeedFixture.newerTag) }, "\(updated.map(\.title))")
        #expect(await fixture.gitlab.violations() == [])
    }

    @Test func aThrottledListIsWaitedOut() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        await fixture.gitlab.inject(.throttled(RunGitLabFixture.listRoute, retryAfter: 1))

        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        #expect(await fixture.listCalls().filter { $0.status == 429 }.count == 1)
        #expect(try await fixture.openMergeRequests().count == 2)
        #expect(await fixture.gitlab.violations() == [])
    }
}
