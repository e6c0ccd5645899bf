/// The texts the bot answers comment commands with: the command table, usages, and safe quoting of what people
/// typed.
enum CommandHelp {
    /// Opens every comment the bot writes in reply, so that the bot never reads its own replies as commands.
    static let marker = "<!-- argocd-image-pr:reply -->"

    static let usages: [String: String] = [
        "pin": "`/pin <alias> [tag]`",
        "unpin": "`/unpin <alias>`",
        "skip": "`/skip <alias> [tag]` or `/skip`",
        "unskip": "`/unskip <alias> [tag]`",
        "rebase": "`/rebase`",
        "recreate": "`/recreate`",
        "help": "`/help`",
    ]

    static let commandList = "commands are /pin, /unpin, /skip, /unskip, /rebase, /recreate and /help"

    static func usage(_ command: String) -> String? {
        usages[command]
    }

    /// The table `/help` answers with (the one in the design).
    static let table = """
        | command | effect |
        |---|---|
        | `/pin <alias> [tag]` | hold the image at that tag (default: current) until `/unpin` |
        | `/unpin <alias>` | release the pin |
        | `/skip <alias> [tag]` | never propose that tag (default: the one proposed now) |
        | `/skip` | skip everything this pull request proposes, and close it |
        | `/unskip <alias> [tag]` | remove a skip |
        | `/rebase` / `/recreate` | rebuild the branch from the base / close and open anew |
        | `/help` | reply with this table |

        Commands are lines starting with `/` in a comment (not in quotes or code blocks), from people with write \
        access; several in one comment are applied in order.
        """

    /// `text` as inline code, safe to put in a reply: one line, bounded, no backticks or control characters, so
    /// that it cannot break out of the code span, mention anyone or add markup.
    static func quoted(_ text: some StringProtocol) -> String {
        var cleaned = String(
            text.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint }.map { scalar -> Character in
                scalar == "`" || scalar.properties.generalCategory == .control ? "?" : Character(scalar)
            })
        if cleaned.count > 80 { cleaned = String(cleaned.prefix(79)) + "…" }
        return "`" + cleaned + "`"
    }

    /// One line for a commit message: no newlines, bounded.
    static func oneLine(_ text: String, limit: Int = 200) -> String {
        let line = String(text.map { $0.isNewline ? " " : $0 })
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
