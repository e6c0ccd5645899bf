import ImageRef

/// Reads comment commands from a pull request comment.
///
/// A command is a line that starts with `/` followed by a word (`/pin frontend`); lines in block quotes (`>`),
/// fenced or indented code blocks and HTML comments are text, not commands, so quoting someone's command never
/// runs it again. Input is bounded: only the first `maxBytes` and `maxLines` of a comment are read, and at most
/// `maxCommands` commands. Every tag that comes out is a valid OCI tag.
public struct CommentCommandParser: Sendable {
    public var maxBytes: Int
    public var maxLines: Int
    public var maxCommands: Int

    public init(maxBytes: Int = 16 << 10, maxLines: Int = 200, maxCommands: Int = 20) {
        self.maxBytes = maxBytes
        self.maxLines = maxLines
        self.maxCommands = maxCommands
    }

    public func parse(_ body: String) -> ParsedComment {
        var result = ParsedComment()
        let utf8 = body.utf8
        // Decoding a byte prefix may cut a character in two; it becomes U+FFFD, which is never part of a command.
        let text = utf8.count > maxBytes ? String(decoding: utf8.prefix(maxBytes), as: UTF8.self) : body
        result.truncated = utf8.count > maxBytes
        var lines = text.split(separator: "\n", maxSplits: maxLines, omittingEmptySubsequences: false)
        if lines.count > maxLines {
            lines.removeLast()
            result.truncated = true
        }
        var blocks = MarkdownBlocks()
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard let command = blocks.commandText(line) else { continue }
            let number = index + 1
            switch Self.read(command) {
            case .notACommand:
                continue
            case .problem(let problem):
                result.problems.append("line \(number): \(problem)")
            case .command(let action):
                guard result.commands.count < maxCommands else {
                    result.problems.append("line \(number): more than \(maxCommands) commands; the rest were not read")
                    return result
                }
                result.commands.append(CommentCommand(action, line: number))
            }
        }
        return result
    }

    private enum Reading {
        case notACommand
        case command(CommentCommand.Action)
        case problem(String)
    }

    /// One line that starts with `/`.
    private static func read(_ line: Substring) -> Reading {
        let afterSlash = line.dropFirst()
        let name = afterSlash.prefix { $0.isASCII && ($0.isLetter || $0 == "-") }
        let rest = afterSlash.dropFirst(name.count)
        // `/usr/bin`, `//`, `/ x`: a path or prose, not a command.
        guard !name.isEmpty, rest.first.map(\.isWhitespace) ?? true else { return .notACommand }
        let arguments = rest.split(whereSeparator: \.isWhitespace)
        let command = name.lowercased()
        let usage = CommandHelp.usage(command)
        guard let usage else {
            return .problem("unknown command \(CommandHelp.quoted("/" + name)); \(CommandHelp.commandList)")
        }
        let wrongArguments = Reading.problem(
            "\(CommandHelp.quoted(String(line.prefix(80)))) is not valid; use \(usage)")
        switch (command, arguments.count) {
        case ("pin", 1...2), ("skip", 1...2), ("unskip", 1...2), ("unpin", 1):
            guard let alias = alias(arguments[0]) else {
                return .problem("\(CommandHelp.quoted(arguments[0])) is not an image alias; use \(usage)")
            }
            var tag: String?
            if arguments.count == 2 {
                guard OCIGrammar.isValidTag(arguments[1]) else {
                    return .problem(
                        "\(CommandHelp.quoted(arguments[1])) is not a valid image tag (letters, digits, `_`, `.` "
                            + "and `-`, at most 128, not starting with `.` or `-`)")
                }
                tag = String(arguments[1])
            }
            switch command {
            case "pin": return .command(.pin(alias: alias, tag: tag))
            case "skip": return .command(.skip(alias: alias, tag: tag))
            case "unskip": return .command(.unskip(alias: alias, tag: tag))
            default: return .command(.unpin(alias: alias))
            }
        case ("skip", 0): return .command(.skipAll)
        case ("rebase", 0): return .command(.rebase)
        case ("recreate", 0): return .command(.recreate)
        case ("help", 0): return .command(.help)
        default: return wrongArguments
        }
    }

    /// An image-list alias, or an image name used as one: printable ASCII without markup, bounded.
    private static func alias(_ token: Substring) -> String? {
        guard (1...255).contains(token.utf8.count),
            token.utf8.allSatisfy({ byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"),
                    UInt8(ascii: "/"), UInt8(ascii: ":"):
                    true
                default: false
                }
            })
        else { return nil }
        return String(token)
    }
}
