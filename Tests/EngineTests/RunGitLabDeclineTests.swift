import Foundation
import TestSupport
import Testing
import Yams

@testable import Engine

/// A bot merge request closed without merging means "not these versions", per image, as on GitHub.
@Suite("run remembers declined GitLab merge requests", .serialized)
struct RunGitLabDeclineTests {
    @Test func closedUnmergedVersionsAreNotProposedAgainButNewerOnesAre() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let declined = try #require(
            try await fixture.openMergeRequests().first {
                $0.sourceBranch == "argocd-image-pr/example"
            })
        try await fixture.gitlab.closeMergeRequest(declined.iid, merged: false, project: fixture.project)

        let second = try await fixture.run()
        #expect(second.plan.allErrors == [])
        #expect(try await fixture.openMergeRequests().map(\.sourceBranch) == ["argocd-image-pr/staging"])
        #expect(try await fixture.branch("argocd-image-pr/example") == nil)
        let example = try #require(second.plan.applications.first { $0.name == "example" })
        #expect(example.changes.isEmpty)
        let stateText = try #require(try fixture.file("state.yaml", on: "argocd-image-pr/state"))
        let state = try YAMLDecoder().decode(BotState.self, from: stateText)
        let holds = state[application: "example"].declined
        #expect(
            Set(holds.map { "\($0.alias):\($0.tag)" }) == [
                "frontend:\(SeedFixture.newTag)", "backend:\(SeedFixture.newTag)",
            ])
        #expect(holds.allSatisfy { $0.pullRequest == declined.iid })
        #expect(state[application: "staging"].declined.isEmpty)
        let recorded = second.actions.filter { $0.kind == .recordedState }.map(\.line)
        #expect(recorded.contains { $0.contains("(MR !\(declined.iid) closed unmerged)") }, "\(recorded)")
        // The closed list is read once, with GitLab's own state name.
        let lists = await fixture.listCalls().map { $0.query["state"] }
        #expect(lists.filter { $0 == "closed" }.count == 2, "\(lists)")

        // A third run changes nothing at all.
        let branches = try fixture.branches()
        await fixture.gitlab.resetCalls()
        let third = try await fixture.run()
        #expect(third.plan.allErrors == [])
        #expect(await fixture.gitlab.writeCalls().map(\.description) == [])
        #expect(try fixture.branches() == branches)

        // Only frontend gets a newer build: a fresh merge request moves frontend; backend stays declined.
        try await fixture.pushNewer(["frontend"])
        let fourth = try await fixture.run()
        #expect(fourth.plan.allErrors == [])
        let fresh = try #require(
            try await fixture.openMergeRequests().first {
                $0.sourceBranch == "argocd-image-pr/example"
            })
        #expect(fresh.iid != declined.iid)
        let app = try #require(fourth.plan.applications.first { $0.name == "example" })
        #expect(app.changes.map { "\($0.alias):\($0.to)" } == ["frontend:\(SeedFixture.newerTag)"])
        #expect(fresh.description?.contains("`backend:\(SeedFixture.newTag)`") == true, "skips are listed")
        #expect(await fixture.gitlab.violations() == [])
    }

    @Test func mergedMergeRequestsAreNotDeclines() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let request = try #require(
            try await fixture.openMergeRequests().first {
                $0.sourceBranch == "argocd-image-pr/example"
            })
        // Merged (the fake does not touch git on merge), and the base never got the file: proposed again.
        try await fixture.gitlab.closeMergeRequest(request.iid, merged: true, project: fixture.project)
        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        let reopened = try await fixture.openMergeRequests().filter { $0.sourceBranch == "argocd-image-pr/example" }
        #expect(reopened.count == 1)
        #expect(reopened.first?.iid != request.iid)
        #expect(try fixture.file("state.yaml", on: "argocd-image-pr/state") == nil)
        #expect(await fixture.gitlab.violations() == [])
    }
}
