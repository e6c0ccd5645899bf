import ImageRef
import Testing

@testable import Engine

/// Reading commands from comments: what counts as a command, what is text, and what is refused.
@Suite("comment command parser")
struct CommandParserTests {
    let parser = CommentCommandParser()

    @Test(arguments: [
        ("/pin frontend", [CommentCommand.Action.pin(alias: "frontend", tag: nil)]),
        ("/pin frontend main-b99bc73", [.pin(alias: "frontend", tag: "main-b99bc73")]),
        ("  /PIN frontend v1.2.3\r", [.pin(alias: "frontend", tag: "v1.2.3")]),
        ("/unpin backend", [.unpin(alias: "backend")]),
        ("/skip", [.skipAll]),
        ("/skip   \t", [.skipAll]),
        ("/skip frontend", [.skip(alias: "frontend", tag: nil)]),
        ("/skip frontend main-c0ffee1", [.skip(alias: "frontend", tag: "main-c0ffee1")]),
        ("/unskip frontend", [.unskip(alias: "frontend", tag: nil)]),
        ("/unskip frontend 1.0", [.unskip(alias: "frontend", tag: "1.0")]),
        ("/rebase", [.rebase]),
        ("/recreate", [.recreate]),
        ("/help", [.help]),
        ("/pin registry:5000/team/app 1.0", [.pin(alias: "registry:5000/team/app", tag: "1.0")]),
        (
            "Thanks!\n/pin frontend 1.0\nand\n/skip backend 2.0",
            [
                .pin(alias: "frontend", tag: "1.0"), .skip(alias: "backend", tag: "2.0"),
            ]
        ),
    ])
    func readsCommands(comment: String, expected: [CommentCommand.Action]) {
        let parsed = parser.parse(comment)
        #expect(parsed.commands.map(\.action) == expected)
        #expect(parsed.problems == [])
    }

    @Test(arguments: [
        "> /pin frontend 1.0",
        ">> /skip",
        "> > /skip",
        "   > /skip",
        "```\n/skip\n```",
        "~~~~\n/skip\n~~~\n/skip\n~~~~",
        "````md\n```\n/skip\n```\n````",
        "    /skip",
        "\t/skip",
        "<!--\n/skip\n-->",
        "<!-- /skip -->",
        "/usr/bin/env is broken",
        "// comment",
        "/ skip",
        "x /skip",
        "- /skip",
        "／skip",
        "\u{200B}/skip",
        "",
        "plain text",
    ])
    func textIsNotACommand(comment: String) {
        #expect(parser.parse(comment).isEmpty)
    }

    @Test func fenceClosesAndCommandsAfterItCount() {
        let parsed = parser.parse("```\n/skip\n```\n/rebase\n> /help")
        #expect(parsed.commands == [CommentCommand(.rebase, line: 4)])
    }

    @Test(arguments: [
        ("/pinn frontend", "unknown command `/pinn`"),
        ("/merge", "unknown command `/merge`"),
        ("/pin", "`/pin` is not valid; use `/pin <alias> [tag]`"),
        ("/pin a b c", "is not valid"),
        ("/unpin frontend 1.0", "is not valid; use `/unpin <alias>`"),
        ("/rebase now", "is not valid; use `/rebase`"),
        ("/pin frontend $(x)", "`$(x)` is not a valid image tag"),
        ("/pin frontend a;b", "`a;b` is not a valid image tag"),
        ("/skip frontend ../x", "`../x` is not a valid image tag"),
        ("/skip frontend refs/heads/x", "`refs/heads/x` is not a valid image tag"),
        ("/pin frontend -rf", "`-rf` is not a valid image tag"),
        ("/pin frontend `x`", "`?x?` is not a valid image tag"),
        ("/pin front`end 1.0", "`front?end` is not an image alias"),
        ("/pin frontend ünïcode", "is not a valid image tag"),
        ("/pin $(x) 1.0", "`$(x)` is not an image alias"),
    ])
    func malformedCommandsAreProblems(comment: String, problem: String) {
        let parsed = parser.parse(comment)
        #expect(parsed.commands == [])
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems.first?.contains(problem) == true, "\(parsed.problems)")
        #expect(parsed.problems.first?.hasPrefix("line 1: ") == true)
    }

    @Test func tagWithNewlineIsTwoLines() {
        let parsed = parser.parse("/pin frontend 1.0\n;rm -rf /")
        #expect(parsed.commands.map(\.action) == [.pin(alias: "frontend", tag: "1.0")])
        #expect(parsed.problems == [])
    }

    @Test func longTagIsRefused() {
        let parsed = parser.parse("/pin frontend " + String(repeating: "a", count: 129))
        #expect(parsed.commands.isEmpty)
        #expect(parsed.problems.first?.contains("…") == true, "echo is bounded")
    }

    @Test func hugeCommentIsReadOnlyInPart() {
        let body = "/pin frontend 1.0\n" + String(repeating: "words ", count: 100_000) + "\n/skip"
        let parsed = parser.parse(body)
        #expect(parsed.truncated)
        #expect(parsed.commands.map(\.action) == [.pin(alias: "frontend", tag: "1.0")])

        let manyLines = String(repeating: "hello\n", count: 500) + "/skip"
        let lines = parser.parse(manyLines)
        #expect(lines.truncated)
        #expect(lines.commands.isEmpty)
    }

    @Test func commandCountIsBounded() {
        let parsed = parser.parse(String(repeating: "/rebase\n", count: 50))
        #expect(parsed.commands.count == 20)
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems.first?.contains("more than 20 commands") == true)
    }

    @Test func commandTextRoundTrips() {
        for action: CommentCommand.Action in [
            .pin(alias: "a", tag: "1"), .pin(alias: "a", tag: nil), .unpin(alias: "a"), .skip(alias: "a", tag: "2"),
            .skipAll, .unskip(alias: "a", tag: nil), .rebase, .recreate, .help,
        ] {
            let text = CommentCommand(action, line: 1).text
            #expect(parser.parse(text).commands.map(\.action) == [action], "\(text)")
        }
    }
}
