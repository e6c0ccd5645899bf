import Foundation
import TestSupport
import Testing
import Yams

@testable import Engine

/// Comment commands on merge requests of the fake GitLab: access level 30 or more, inherited from a group or not.
@Suite("comment commands on GitLab", .serialized)
struct CommandGitLabTests {
    static func changes(_ result: RunResult) -> [String] {
        result.plan.applications.first { $0.name == "example" }?.changes.map { "\($0.alias):\($0.to)" } ?? []
    }

    @Test func pinFromAnInheritedDeveloperHoldsTheImageAndAReporterIsRefused() async throws {
        let fixture = try await RunGitLabFixture.make()
        defer { Task { await fixture.stop() } }
        await fixture.gitlab.setGroupAccessLevel(30, for: "carol", group: "platform")
        await fixture.gitlab.setAccessLevel(20, for: "rita", project: fixture.project)
        _ = try await fixture.run()
        let request = try #require(
            try await fixture.openMergeRequests().first { $0.sourceBranch == "argocd-image-pr/example" })
        let pin = try await fixture.gitlab.addNote(
            to: request.iid, author: "carol", body: "/pin frontend \(SeedFixture.newTag)", project: fixture.project)
        let skip = try await fixture.gitlab.addNote(
            to: request.iid, author: "rita", body: "/skip", project: fixture.project)

        try await fixture.pushNewer()
        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        #expect(Self.changes(result) == ["frontend:\(SeedFixture.newTag)", "backend:\(SeedFixture.newerTag)"])
        let updated = try #require(
            try await fixture.openMergeRequests().first { $0.sourceBranch == "argocd-image-pr/example" })
        #expect(updated.iid == request.iid, "the reporter's /skip did not close it")
        #expect(updated.description?.contains("**Pinned**: `frontend` at `\(SeedFixture.newTag)`") == true)
        let notes = await fixture.gitlab.notes(project: fixture.project)
        #expect(notes.first { $0.id == pin }?.awards.map(\.name) == ["thumbsup"])
        #expect(notes.first { $0.id == skip }?.awards.map(\.name) == ["thumbsdown"])
        let replies = notes.filter { $0.body.contains(CommandHelp.marker) }
        #expect(replies.count == 1)
        #expect(replies.first?.body.contains("Sorry @rita") == true)
        #expect(replies.first?.body.contains("MR !\(request.iid)") == true)

        let stateText = try #require(try fixture.file("state.yaml", on: "argocd-image-pr/state"))
        let state = try YAMLDecoder().decode(BotState.self, from: stateText)
        #expect(state[application: "example"].pins.map(\.tag) == [SeedFixture.newTag])
        #expect(state[application: "example"].skips == [])
        #expect(Set(state.processedComments) == [pin, skip])

        try await fixture.gitlab.addNote(
            to: request.iid, author: "carol", body: "> /pin frontend\n/unpin frontend", project: fixture.project)
        let third = try await fixture.run()
        #expect(Self.changes(third) == ["frontend:\(SeedFixture.newerTag)", "backend:\(SeedFixture.newerTag)"])
        #expect(await fixture.gitlab.violations() == [])
    }
}
