import ImageRef
import Testing

@testable import Engine

/// Random and hostile comments: the parser never crashes, stays within its bounds and never yields an invalid
/// tag or alias.
@Suite("comment command parser fuzz")
struct CommandParserFuzzTests {
    /// SplitMix64: a seeded generator, so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        "/pin", "/unpin", "/skip", "/unskip", "/rebase", "/recreate", "/help", "/PIN", "/pinn", "/", "//", " ", "  ",
        "    ", "\t", "\n", "\r\n", "\r", ">", "> ", ">>", "```", "~~~", "````", "<!--", "-->", "frontend", "backend",
        "registry:5000/a/b", "main-b99bc73", "1.0", "v1.2.3-rc.1", "$(x)", "`x`", "a;b", "../x", "refs/heads/x",
        "-rf", ".hidden", "${IFS}", "|", "&&", "'", "\"", "\\", "\u{0}", "\u{7F}", "\u{200B}", "\u{FEFF}", "é", "😀",
        "\u{202E}", "ａｂｃ", "／pin", "@alice", "#1", "<script>", String(repeating: "a", count: 128),
        String(repeating: "b", count: 129), String(repeating: "/skip\n", count: 3),
    ]

    static func comment(_ random: inout Generator) -> String {
        let count = Int.random(in: 0...60, using: &random)
        var text = ""
        for _ in 0..<count {
            if Int.random(in: 0..<8, using: &random) == 0 {
                let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &random)) ?? "?"
                text.unicodeScalars.append(scalar)
            } else {
                text += fragments.randomElement(using: &random) ?? ""
            }
            if Bool.random(using: &random) { text += " " }
        }
        return text
    }

    static func check(_ parsed: ParsedComment, _ parser: CommentCommandParser) {
        #expect(parsed.commands.count <= parser.maxCommands)
        #expect(parsed.problems.count <= parser.maxLines + 1)
        for command in parsed.commands {
            #expect((1...parser.maxLines).contains(command.line))
            switch command.action {
            case .pin(let alias, let tag), .skip(let alias, let tag), .unskip(let alias, let tag):
                #expect(isAlias(alias))
                if let tag { #expect(OCIGrammar.isValidTag(tag), "\(tag)") }
            case .unpin(let alias):
                #expect(isAlias(alias))
            case .skipAll, .rebase, .recreate, .help:
                break
            }
        }
        for problem in parsed.problems {
            #expect(problem.count < 400)
            #expect(!problem.contains { $0.isNewline })
        }
    }

    static func isAlias(_ alias: String) -> Bool {
        (1...255).contains(alias.utf8.count)
            && alias.utf8.allSatisfy { $0 < 0x80 && $0 > 0x20 && $0 != UInt8(ascii: "`") && $0 != UInt8(ascii: "$") }
    }

    @Test(arguments: 0..<8)
    func randomComments(seed: UInt64) {
        var random = Generator(state: seed)
        let parser = CommentCommandParser()
        for _ in 0..<400 {
            Self.check(parser.parse(Self.comment(&random)), parser)
        }
    }

    @Test func randomCommandsWithHostileArguments() {
        var random = Generator(state: 42)
        let parser = CommentCommandParser()
        var commands = 0
        for _ in 0..<2000 {
            let words = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                Self.fragments.randomElement(using: &random) ?? ""
            }
            let line =
                (["/pin", "/skip", "/unskip", "/unpin"].randomElement(using: &random) ?? "/pin") + " "
                + words.joined(separator: " ")
            let parsed = parser.parse(line)
            Self.check(parsed, parser)
            commands += parsed.commands.count
        }
        #expect(commands > 0, "some random commands are valid")
    }

    @Test func adversarialComments() {
        let parser = CommentCommandParser()
        let comments = [
            String(repeating: "/skip ", count: 200_000),
            String(repeating: "\n", count: 1_000_000),
            String(repeating: ">", count: 100_000) + " /skip",
            String(repeating: "`", count: 100_000) + "\n/skip",
            String(repeating: "😀", count: 50_000) + "\n/skip",
            String(repeating: "> ```\n", count: 10_000) + "/rebase",
            "/pin frontend " + String(repeating: "a", count: 1_000_000),
            "/pin " + String(repeating: "é", count: 10_000) + " 1.0",
            String(repeating: "/pin frontend 1.0\r", count: 10_000),
            "/pin frontend 1.0\u{0}; rm -rf /",
            "/pin frontend\u{00A0}1.0",
            "/pin\u{2028}frontend 1.0",
            "<!-- unterminated\n/skip\n/skip",
        ]
        for comment in comments {
            let parsed = parser.parse(comment)
            Self.check(parsed, parser)
        }
        // A quoted fence does not open a code block outside the quote.
        #expect(parser.parse(String(repeating: "> ```\n", count: 10) + "/rebase").commands.map(\.action) == [.rebase])
        // An unterminated HTML comment hides the rest.
        #expect(parser.parse("<!-- unterminated\n/skip").isEmpty)
    }
}
