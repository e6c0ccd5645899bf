/// The replies and close comments the bot writes for comment commands; each starts with the marker that keeps
/// the bot from reading its own comments as commands.
enum CommentAnswer {
    static func refusal(author: String, reference: String) -> String {
        """
        \(CommandHelp.marker)
        Sorry @\(author), only people with write access to this repository can give argocd-image-pr commands, \
        so nothing was changed on \(reference).
        """
    }

    static func invalid(_ problems: [String], truncated: Bool) -> String {
        var lines = [
            CommandHelp.marker, "Nothing was changed: this comment has commands argocd-image-pr cannot carry out.", "",
        ]
        lines += problems.prefix(20).map { "- \($0)" }
        if problems.count > 20 { lines.append("- … and \(problems.count - 20) more") }
        if truncated { lines += ["", truncatedNote] }
        lines += ["", "<details>", "<summary>Commands</summary>", "", CommandHelp.table, "", "</details>"]
        return lines.joined(separator: "\n")
    }

    /// The reply to carried-out commands, or nil when the reaction says it all.
    static func done(notes: [String], help: Bool, truncated: Bool) -> String? {
        guard help || truncated || !notes.isEmpty else { return nil }
        var lines = [CommandHelp.marker]
        if !notes.isEmpty { lines += ["Done. Note:"] + notes.prefix(20).map { "- \($0)" } + [""] }
        if truncated { lines += [truncatedNote, ""] }
        if help { lines += [CommandHelp.table] }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    static func skippedAll(_ holds: [TagHold], author: String) -> String {
        let tags = holds.map { CommandHelp.quoted("\($0.alias):\($0.tag)") }.joined(separator: ", ")
        return """
            \(CommandHelp.marker)
            Skipped \(tags) as @\(author) asked, so this is closed; those versions will not be proposed again \
            (`/unskip <alias> <tag>` on any bot pull request brings one back).
            """
    }

    static func recreating(author: String) -> String {
        "\(CommandHelp.marker)\nClosed to open a fresh one, as @\(author) asked."
    }

    static let truncatedNote =
        "Only the beginning of this comment was read (it is very long); put commands near its top."
}
