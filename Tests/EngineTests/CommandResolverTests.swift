import Forges
import Foundation
import Testing

@testable import Engine

/// Checking commands against an Application, filling in defaults, and what each does to the state.
@Suite("comment command resolver")
struct CommandResolverTests {
    func resolver(
        state: ApplicationState = ApplicationState(), proposed: [String: String] = ["frontend": "2"]
    )
        -> CommandResolver
    {
        CommandResolver(
            aliases: ["frontend", "backend"], proposed: proposed, current: ["frontend": "1", "backend": "1"],
            state: state, application: "example", pullRequest: 7)
    }

    func resolve(_ comment: String, _ resolver: CommandResolver) -> CommandResolver.Resolution {
        resolver.resolve(CommentCommandParser().parse(comment).commands)
    }

    @Test func defaultsComeFromWhatRunsAndWhatIsProposed() {
        let resolution = resolve("/pin frontend\n/skip frontend\n/skip\n/pin backend 3", resolver())
        #expect(resolution.problems == [])
        #expect(
            resolution.commands.map(\.resolved) == [
                .pin(TagHold(alias: "frontend", tag: "1", pullRequest: 7)),
                .skip([TagHold(alias: "frontend", tag: "2", pullRequest: 7)], closes: false),
                .skip([TagHold(alias: "frontend", tag: "2", pullRequest: 7)], closes: true),
                .pin(TagHold(alias: "backend", tag: "3", pullRequest: 7)),
            ])
    }

    @Test(arguments: [
        ("/pin database 1", "line 1: `database` is not an image of example; its images are `frontend`, `backend`"),
        ("/skip backend", "line 1: this pull request proposes nothing for `backend`"),
        ("/unpin x", "line 1: `x` is not an image of example"),
    ])
    func problemsNameTheLine(comment: String, problem: String) {
        let resolution = resolve(comment, resolver())
        #expect(resolution.commands.isEmpty)
        #expect(resolution.problems.first?.hasPrefix(problem) == true, "\(resolution.problems)")
    }

    @Test func skipAllNeedsAReadableProposal() {
        let resolution = resolve("/skip", resolver(proposed: ["frontend": "not a tag!"]))
        #expect(resolution.problems.first?.contains("cannot read what this pull request proposes") == true)
    }

    @Test func notesSayWhenACommandChangedNothing() {
        let state = ApplicationState(pins: [TagHold(alias: "frontend", tag: "1")])
        let resolution = resolve("/unpin backend\n/pin frontend 1\n/unskip frontend 9", resolver(state: state))
        #expect(
            resolution.notes == [
                "line 1: `backend` was not pinned", "line 2: `frontend` was already pinned at `1`",
                "line 3: `frontend:9` had no skip",
            ])
    }

    @Test func laterCommandsSeeEarlierOnes() {
        let resolution = resolve("/pin frontend 5\n/unpin frontend", resolver())
        #expect(resolution.notes == [])
    }

    @Test func applyingChangesTheState() {
        var state = ApplicationState(
            declined: [TagHold(alias: "frontend", tag: "2")], skips: [TagHold(alias: "frontend", tag: "3")])
        let changed1 = ResolvedCommand.pin(TagHold(alias: "frontend", tag: "1")).apply(to: &state, pullRequest: 7)
        #expect(changed1)
        let changed2 = ResolvedCommand.pin(TagHold(alias: "frontend", tag: "1")).apply(to: &state, pullRequest: 8)
        #expect(!changed2)
        let changed3 = ResolvedCommand.pin(TagHold(alias: "frontend", tag: "4")).apply(to: &state, pullRequest: 7)
        #expect(changed3)
        #expect(state.pins.map(\.tag) == ["4"])
        let changed4 = ResolvedCommand.unskip(alias: "frontend", tag: nil).apply(to: &state, pullRequest: 7)
        #expect(changed4)
        #expect(state.declined == [] && state.skips == [])
        let closing = ResolvedCommand.skip([TagHold(alias: "backend", tag: "2")], closes: true)
            .apply(to: &state, pullRequest: 7)
        #expect(closing)
        #expect(state.processedPullRequests == [7])
        let changed5 = ResolvedCommand.recreate.apply(to: &state, pullRequest: 7)
        #expect(!changed5)
        let changed6 = ResolvedCommand.rebase.apply(to: &state, pullRequest: 7)
        #expect(!changed6)
        let changed7 = ResolvedCommand.unpin(alias: "frontend").apply(to: &state, pullRequest: 7)
        #expect(changed7)
    }

    @Test func answeredCommentsAreBoundedAndTheWatermarkOnlyMovesForward() {
        var state = BotState()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func comment(_ id: Int, _ offset: TimeInterval) -> ForgeComment {
            ForgeComment(
                id: id, pullRequestNumber: 1, author: "a", body: "/help", createdAt: start,
                updatedAt: start + offset, url: "u")
        }
        let changed8 = state.markAnswered(comment(1, 10.7), ceiling: nil)
        #expect(changed8)
        let changed9 = state.markAnswered(comment(1, 20), ceiling: nil)
        #expect(!changed9)
        #expect(state.commentsReadUntil == start + 10)
        let changed10 = state.markAnswered(comment(2, 5), ceiling: nil)
        #expect(changed10)
        #expect(state.commentsReadUntil == start + 10, "never back")
        let changed11 = state.markAnswered(comment(3, 100), ceiling: start + 50)
        #expect(changed11)
        #expect(state.commentsReadUntil == start + 50, "never past a comment left for later")
        for id in 10..<(BotState.maxProcessedComments + 20) { _ = state.markAnswered(comment(id, 0), ceiling: nil) }
        #expect(state.processedComments.count == BotState.maxProcessedComments)
        #expect(state.processedComments.last == BotState.maxProcessedComments + 19)
    }

    @Test func watermarkSurvivesTheStateFile() throws {
        var state = BotState(processedComments: [3])
        state.advanceWatermark(to: Date(timeIntervalSince1970: 1_800_000_000.5))
        let text = String(decoding: try StateFile.encode(state), as: UTF8.self)
        let decoded = try StateFile.decode(Data(text.utf8), origin: "test")
        #expect(decoded == state, "\(text)")
    }

    @Test(arguments: [
        ("x`y", "`x?y`"), ("@alice", "`@alice`"), ("a\u{200B}b", "`ab`"), ("a\nb", "`a?b`"),
    ])
    func quotingIsSafe(text: String, expected: String) {
        #expect(CommandHelp.quoted(text) == expected)
    }
}
