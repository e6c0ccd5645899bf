import Foundation
import TestSupport
import Testing

@testable import Engine

/// Comment commands end to end on the fake GitHub: real registry, real git, state on the state branch.
@Suite("comment commands on GitHub", .serialized)
struct CommandRunTests {
    static let new = SeedFixture.newTag
    static let newer = SeedFixture.newerTag
    static let old = SeedFixture.oldTag

    static func changes(_ result: RunResult, _ app: String = "example") -> [String] {
        result.plan.applications.first { $0.name == app }?.changes.map { "\($0.alias):\($0.to)" } ?? []
    }

    @Test func pinHoldsAnImageWhenNewerTagsArriveAndUnpinReleasesIt() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        let pull = try #require(try await fixture.pull())
        let id = try await fixture.comment("Hold frontend please.\n/pin frontend \(Self.new)")

        try await fixture.run.pushNewer()
        let second = try await fixture.run.run()
        #expect(second.plan.allErrors == [])
        #expect(Self.changes(second) == ["frontend:\(Self.new)", "backend:\(Self.newer)"])
        #expect(Self.changes(second, "staging") == ["frontend:\(Self.newer)", "backend:\(Self.newer)"])
        let updated = try #require(try await fixture.pull())
        #expect(updated.number == pull.number)
        #expect(updated.body?.contains("**Pinned**: `frontend` at `\(Self.new)`") == true, "\(updated.body ?? "")")
        let override = try #require(fixture.proposedOverride())
        #expect(override.contains("value: \(Self.new)") && override.contains("value: \(Self.newer)"))
        #expect(await fixture.reactions(on: id) == ["+1"])
        #expect(await fixture.botComments().isEmpty, "a plain pin needs no reply")
        let state = try fixture.state()
        #expect(
            state[application: "example"].pins == [TagHold(alias: "frontend", tag: Self.new, pullRequest: pull.number)])
        #expect(state.processedComments == [id])
        let log = try fixture.stateLog()
        let audit = try #require(log.first)
        #expect(audit.contains("example: /pin frontend \(Self.new) on PR #\(pull.number) by @alice"), "\(log)")
        #expect(
            audit.hasSuffix(
                "(\(fixture.github.baseURL)/\(RunFixture.owner)/\(RunFixture.name)/pull/\(pull.number)#issuecomment-\(id))"
            ), "\(audit)")
        #expect(second.actions.contains { $0.kind == .answeredComment && $0.pullRequest == pull.number })

        // Answered once: a later run does not react again.
        _ = try await fixture.run.run()
        #expect(await fixture.reactions(on: id) == ["+1"])

        let unpin = try await fixture.comment("/unpin frontend")
        let fourth = try await fixture.run.run()
        #expect(fourth.plan.allErrors == [])
        #expect(Self.changes(fourth) == ["frontend:\(Self.newer)", "backend:\(Self.newer)"])
        #expect(try fixture.state()[application: "example"].pins == [])
        #expect(try await fixture.pull()?.body?.contains("**Pinned**") == false)
        #expect(await fixture.reactions(on: unpin) == ["+1"])
        #expect(await fixture.github.violations() == [])
    }

    @Test func pinningEveryImageAtItsCurrentTagClosesThePullRequest() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        let pull = try #require(try await fixture.pull())
        try await fixture.comment("/pin frontend\n/pin backend")

        let result = try await fixture.run.run()
        #expect(result.plan.allErrors == [])
        #expect(Self.changes(result) == [])
        let closed = try #require(try await fixture.run.pulls().first { $0.number == pull.number })
        #expect(closed.state == "closed" && !closed.merged)
        #expect(try await fixture.run.branch("argocd-image-pr/example") == nil)
        let state = try fixture.state()
        #expect(
            Set(state[application: "example"].pins.map { "\($0.alias):\($0.tag)" }) == [
                "frontend:\(Self.old)", "backend:\(Self.old)",
            ])
        #expect(state[application: "example"].declined == [], "closed by the bot is no decline")
        // One commit per command: the audit log names each.
        let log = try fixture.stateLog()
        #expect(log.filter { $0.contains("/pin frontend") }.count == 1, "\(log)")
        #expect(log.filter { $0.contains("/pin backend") }.count == 1, "\(log)")
        #expect(try await fixture.pull("staging") != nil)
    }

    @Test func skippingATagProposesTheNextNewest() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        try await fixture.run.pushNewer()
        _ = try await fixture.run.run()
        let id = try await fixture.comment("/skip frontend")

        let result = try await fixture.run.run()
        #expect(result.plan.allErrors == [])
        #expect(Self.changes(result) == ["frontend:\(Self.new)", "backend:\(Self.newer)"])
        let body = try #require(try await fixture.pull()?.body)
        #expect(body.contains("**Skipped**: `frontend:\(Self.newer)`"), "\(body)")
        #expect(try fixture.state()[application: "example"].skips.map(\.tag) == [Self.newer])
        #expect(await fixture.reactions(on: id) == ["+1"])

        try await fixture.comment("/unskip frontend \(Self.newer)")
        let again = try await fixture.run.run()
        #expect(Self.changes(again) == ["frontend:\(Self.newer)", "backend:\(Self.newer)"])
        #expect(try fixture.state()[application: "example"].skips == [])
    }

    @Test func skipAloneSkipsEverythingProposedAndClosesThePullRequest() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        let pull = try #require(try await fixture.pull())
        let id = try await fixture.comment("/skip")

        let result = try await fixture.run.run()
        #expect(result.plan.allErrors == [])
        let closed = try #require(try await fixture.run.pulls().first { $0.number == pull.number })
        #expect(closed.state == "closed")
        #expect(try await fixture.pull() == nil, "nothing else to propose: no new pull request")
        #expect(try await fixture.run.branch("argocd-image-pr/example") == nil)
        let close = try #require(await fixture.botComments().first { $0.issueNumber == pull.number })
        #expect(close.body.contains("Skipped `frontend:\(Self.new)`") || close.body.contains("`backend:\(Self.new)`"))
        #expect(close.body.contains(CommandHelp.marker))
        #expect(await fixture.reactions(on: id) == ["+1"])
        let state = try fixture.state()
        #expect(
            Set(state[application: "example"].skips.map { "\($0.alias):\($0.tag)" }) == [
                "frontend:\(Self.new)", "backend:\(Self.new)",
            ])
        #expect(state[application: "example"].processedPullRequests == [pull.number])

        // The skips last: nothing is proposed again, and a newer build opens a fresh pull request.
        await fixture.github.resetCalls()
        _ = try await fixture.run.run()
        #expect(await fixture.github.writeCalls().map(\.description) == [])
        try await fixture.run.pushNewer()
        let fresh = try await fixture.run.run()
        #expect(Self.changes(fresh) == ["frontend:\(Self.newer)", "backend:\(Self.newer)"])
        #expect(try await fixture.pull()?.number != pull.number)
    }

    @Test(arguments: ["mallory", "stranger"])
    func usersWithoutWriteAccessAreRefusedAndNothingChanges(user: String) async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        let before = try #require(try await fixture.pull())
        let branches = fixture.run.branches()
        let id = try await fixture.comment("/skip\n/pin frontend \(Self.old)", by: user)

        let result = try await fixture.run.run()
        #expect(result.plan.allErrors == [])
        #expect(await fixture.reactions(on: id) == ["-1"])
        let replies = await fixture.botComments()
        #expect(replies.count == 1)
        #expect(replies.first?.body.contains("Sorry @\(user), only people with write access") == true)
        let after = try #require(try await fixture.pull())
        #expect(after.number == before.number && after.body == before.body)
        #expect(fixture.run.branches().filter { $0.key != CommandFixture.stateBranch } == branches)
        let state = try fixture.state()
        #expect(state[application: "example"].pins == [] && state[application: "example"].skips == [])
        #expect(state.processedComments == [id])
        #expect(try fixture.stateLog().first?.contains("refused commands on PR #\(before.number) by @\(user)") == true)

        // Refused once only.
        _ = try await fixture.run.run()
        #expect(await fixture.botComments().count == 1)
        #expect(await fixture.reactions(on: id) == ["-1"])
    }

    @Test func invalidCommandsChangeNothingAndGetTheUsage() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        let id = try await fixture.comment("/pin frontend \(Self.old)\n/pin frontend $(reboot)\n/skip database")

        let result = try await fixture.run.run()
        #expect(result.plan.allErrors == [])
        #expect(await fixture.reactions(on: id) == ["-1"])
        let reply = try #require(await fixture.botComments().first)
        #expect(reply.body.contains("Nothing was changed"))
        #expect(reply.body.contains("line 2: `$(reboot)` is not a valid image tag"))
        #expect(reply.body.contains("line 3: `database` is not an image of example"))
        #expect(reply.body.contains("| `/pin <alias> [tag]` |"))
        #expect(
            try fixture.state()[application: "example"].pins == [], "valid commands beside a bad one are not applied")
        #expect(Self.changes(result) == ["frontend:\(Self.new)", "backend:\(Self.new)"])
    }

    @Test func helpRepliesWithTheTableAndTheReplyIsNotReadAsCommands() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        let id = try await fixture.comment("/help")
        _ = try await fixture.run.run()
        #expect(await fixture.reactions(on: id) == ["+1"])
        let replies = await fixture.botComments()
        #expect(replies.count == 1)
        let reply = try #require(replies.first)
        #expect(reply.body.hasPrefix(CommandHelp.marker))
        for command in ["/pin <alias> [tag]", "/unpin <alias>", "/skip <alias> [tag]", "/unskip <alias> [tag]"] {
            #expect(reply.body.contains("`\(command)`"), "\(command)")
        }
        #expect(try fixture.stateLog().first?.contains("example: /help on PR #") == true)

        _ = try await fixture.run.run()
        #expect(await fixture.botComments().count == 1)
        #expect(reply.reactions.isEmpty)
    }

    @Test func theSameCommentIsAppliedOnceByTwoConcurrentRuns() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        try await fixture.run.pushNewer()
        let id = try await fixture.comment("/skip frontend\n/help")

        async let first = fixture.run.run()
        async let second = fixture.run.run()
        let results = try await [first, second]
        for result in results { #expect(result.plan.allErrors == [], "\(result.plan.allErrors)") }
        let log = try fixture.stateLog()
        #expect(log.filter { $0.contains("/skip frontend") }.count == 1, "\(log)")
        #expect(log.filter { $0.contains("/help") }.count == 1, "\(log)")
        #expect(await fixture.reactions(on: id) == ["+1"])
        #expect(await fixture.botComments().count == 1)
        let state = try fixture.state()
        #expect(state[application: "example"].skips.map(\.tag) == [Self.new])
        #expect(state.processedComments == [id])
        let answered = results.flatMap(\.actions).filter { $0.kind == .answeredComment }
        #expect(answered.count == 1)
    }

    @Test func recreateOpensAFreshPullRequestAndRebaseWritesAFreshCommit() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        let first = try #require(try await fixture.pull())
        let branch = try await fixture.run.branch("argocd-image-pr/example")

        // Commit times have whole seconds: the same files on the same base a second later make a new commit.
        try await Task.sleep(for: .milliseconds(1100))
        try await fixture.comment("/rebase")
        _ = try await fixture.run.run()
        let rebased = try #require(try await fixture.pull())
        #expect(rebased.number == first.number)
        let rebasedBranch = try await fixture.run.branch("argocd-image-pr/example")
        #expect(rebasedBranch != branch, "a fresh commit")

        try await fixture.comment("/recreate")
        let result = try await fixture.run.run()
        #expect(result.plan.allErrors == [])
        let fresh = try #require(try await fixture.pull())
        #expect(fresh.number != first.number)
        let old = try #require(try await fixture.run.pulls().first { $0.number == first.number })
        #expect(old.state == "closed")
        #expect(try fixture.state()[application: "example"].declined == [], "a recreate is no decline")
        #expect(Self.changes(result) == ["frontend:\(Self.new)", "backend:\(Self.new)"])
        #expect(await fixture.github.violations() == [])
    }

    @Test func dryRunDescribesTheAnswerAndWritesNothing() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.run.run()
        let id = try await fixture.comment("/pin frontend \(Self.old)")
        let branches = fixture.run.branches()
        await fixture.github.resetCalls()

        let result = try await fixture.run.run(RunOptions(dryRun: true))
        #expect(result.plan.allErrors == [])
        #expect(await fixture.github.writeCalls().map(\.description) == [])
        #expect(fixture.run.branches() == branches)
        #expect(await fixture.reactions(on: id) == [])
        let lines = result.actions.map(\.line)
        #expect(
            lines.contains { $0.contains("dry-run: would record on argocd-image-pr/state: example: /pin frontend") })
        #expect(lines.contains { $0.contains("would react done to comment \(id)") }, "\(lines)")
        // The dry run plans with the pin it would record.
        #expect(Self.changes(result) == ["backend:\(Self.new)"])

        _ = try await fixture.run.run()
        #expect(await fixture.reactions(on: id) == ["+1"])
    }
}
