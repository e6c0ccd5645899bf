import Foundation
import TestSupport
import Testing
import Yams

@testable import Engine

/// A bot pull request closed without merging means "not these versions", per image, remembered on the state
/// branch.
@Suite("run remembers declined versions", .serialized)
struct RunDeclineTests {
    @Test func closedUnmergedVersionsAreNotProposedAgainButNewerOnesAre() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let declined = try #require(try await fixture.openPulls().first { $0.head == "argocd-image-pr/example" })
        try await fixture.github.closePullRequest(
            declined.number, merged: false, owner: RunFixture.owner, name: RunFixture.name)

        let second = try await fixture.run()
        #expect(second.plan.allErrors == [])
        // Same versions: no new pull request, the branch is gone, the decline is on the state branch.
        #expect(try await fixture.openPulls().map(\.head) == ["argocd-image-pr/staging"])
        #expect(try await fixture.branch("argocd-image-pr/example") == nil)
        let example = try #require(second.plan.applications.first { $0.name == "example" })
        #expect(example.changes.isEmpty)
        let stateText = try #require(fixture.file("state.yaml", on: "argocd-image-pr/state"))
        let state = try YAMLDecoder().decode(BotState.self, from: stateText)
        let holds = state[application: "example"].declined
        #expect(
            Set(holds.map { "\($0.alias):\($0.tag)" }) == [
                "frontend:\(SeedFixture.newTag)", "backend:\(SeedFixture.newTag)",
            ])
        #expect(holds.allSatisfy { $0.pullRequest == declined.number })
        #expect(state[application: "staging"].declined.isEmpty)

        // A third run changes nothing at all.
        let branches = fixture.branches()
        await fixture.github.resetCalls()
        let third = try await fixture.run()
        #expect(third.plan.allErrors == [])
        #expect(await fixture.github.writeCalls().map(\.description) == [])
        #expect(fixture.branches() == branches)

        // Only frontend gets a newer build: a fresh pull request moves frontend; backend stays declined.
        try await fixture.pushNewer(["frontend"])
        let fourth = try await fixture.run()
        #expect(fourth.plan.allErrors == [])
        let fresh = try #require(try await fixture.openPulls().first { $0.head == "argocd-image-pr/example" })
        #expect(fresh.number != declined.number)
        let app = try #require(fourth.plan.applications.first { $0.name == "example" })
        #expect(app.changes.map { "\($0.alias):\($0.to)" } == ["frontend:\(SeedFixture.newerTag)"])
        #expect(fresh.body?.contains("`backend:\(SeedFixture.newTag)`") == true, "skips are listed")
        #expect(await fixture.github.violations() == [])
    }

    @Test func mergedPullRequestsAreNotDeclines() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run()
        let pull = try #require(try await fixture.openPulls().first { $0.head == "argocd-image-pr/example" })
        // Merged (the fake does not touch git on merge), and the base never got the file: proposed again.
        try await fixture.github.closePullRequest(
            pull.number, merged: true, owner: RunFixture.owner, name: RunFixture.name)
        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        let reopened = try await fixture.openPulls().filter { $0.head == "argocd-image-pr/example" }
        #expect(reopened.count == 1)
        #expect(reopened.first?.number != pull.number)
        #expect(fixture.file("state.yaml", on: "argocd-image-pr/state") == nil)
    }

    @Test(arguments: [
        ("version: 1\napplications:\n  example:\n    declined:\n      - {alias: frontend, tag: main-1}\n", true),
        ("# only a comment\n", true),
        ("applications: &a\n  x: *a\n", false),
        ("applications: [1, 2\n", false),
        ("version: 99\n", false),
    ])
    func stateFileIsReadStrictly(text: String, readable: Bool) throws {
        let data = Data(text.utf8)
        let decoded = try? StateFile.decode(data, origin: "state.yaml")
        #expect((decoded != nil) == readable)
    }
}
