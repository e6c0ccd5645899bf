import ImageRef

/// Checks a comment's commands against the Application they are for and fills in the defaults: `/pin <alias>`
/// pins the tag it runs now, `/skip <alias>` skips the tag the pull request proposes.
///
/// Nothing is stored unless every command of the comment is valid: a comment with one bad command changes nothing.
struct CommandResolver: Sendable {
    /// The Application's image aliases.
    let aliases: [String]
    /// What the pull request proposes, alias → tag (from its hidden state block).
    let proposed: [String: String]
    /// What each image runs now, alias → tag, where it is known.
    let current: [String: String]
    /// The Application's state before the comment.
    let state: ApplicationState
    let application: String
    let pullRequest: Int

    struct Resolution: Sendable, Equatable {
        var commands: [(command: CommentCommand, resolved: ResolvedCommand)]
        var problems: [String]
        /// Things worth saying about valid commands, e.g. an `/unpin` of an image that was not pinned.
        var notes: [String]

        static func == (lhs: Resolution, rhs: Resolution) -> Bool {
            lhs.commands.map(\.resolved) == rhs.commands.map(\.resolved) && lhs.problems == rhs.problems
                && lhs.notes == rhs.notes
        }
    }

    func resolve(_ commands: [CommentCommand]) -> Resolution {
        var resolution = Resolution(commands: [], problems: [], notes: [])
        // Later commands see what earlier ones did, as they are applied in order.
        var running = state
        for command in commands {
            switch resolve(command, running) {
            case .success(let resolved):
                if !resolved.apply(to: &running, pullRequest: pullRequest), let note = noOpNote(resolved) {
                    resolution.notes.append("line \(command.line): \(note)")
                }
                resolution.commands.append((command, resolved))
            case .failure(let problem):
                resolution.problems.append("line \(command.line): \(problem.text)")
            }
        }
        return resolution
    }

    private struct Problem: Error {
        let text: String
    }

    private func resolve(_ command: CommentCommand, _ state: ApplicationState) -> Result<ResolvedCommand, Problem> {
        switch command.action {
        case .pin(let alias, let tag):
            if let problem = unknown(alias) { return .failure(problem) }
            guard let tag = tag ?? current[alias], OCIGrammar.isValidTag(tag) else {
                return .failure(
                    Problem(
                        text: "cannot tell which tag \(CommandHelp.quoted(alias)) runs now; name it: "
                            + CommandHelp.quoted("/pin \(alias) <tag>")))
            }
            return .success(.pin(TagHold(alias: alias, tag: tag, pullRequest: pullRequest)))
        case .unpin(let alias):
            if let problem = unknown(alias) { return .failure(problem) }
            return .success(.unpin(alias: alias))
        case .skip(let alias, let tag):
            if let problem = unknown(alias) { return .failure(problem) }
            guard let tag = tag ?? proposed[alias], OCIGrammar.isValidTag(tag) else {
                return .failure(
                    Problem(
                        text: "this pull request proposes nothing for \(CommandHelp.quoted(alias)); name the tag: "
                            + CommandHelp.quoted("/skip \(alias) <tag>")))
            }
            return .success(.skip([TagHold(alias: alias, tag: tag, pullRequest: pullRequest)], closes: false))
        case .skipAll:
            let holds = proposed.sorted { $0.key < $1.key }
                .filter { aliases.contains($0.key) && OCIGrammar.isValidTag($0.value) }
                .map { TagHold(alias: $0.key, tag: $0.value, pullRequest: pullRequest) }
            guard !holds.isEmpty else {
                return .failure(
                    Problem(
                        text: "cannot read what this pull request proposes (its hidden state block is missing or "
                            + "was edited); skip each image by name: `/skip <alias> <tag>`"))
            }
            return .success(.skip(holds, closes: true))
        case .unskip(let alias, let tag):
            if let problem = unknown(alias) { return .failure(problem) }
            return .success(.unskip(alias: alias, tag: tag))
        case .rebase: return .success(.rebase)
        case .recreate: return .success(.recreate)
        case .help: return .success(.help)
        }
    }

    private func unknown(_ alias: String) -> Problem? {
        guard !aliases.contains(alias) else { return nil }
        let known = aliases.map { CommandHelp.quoted($0) }.joined(separator: ", ")
        return Problem(
            text: "\(CommandHelp.quoted(alias)) is not an image of \(application); its images are \(known)")
    }

    private func noOpNote(_ command: ResolvedCommand) -> String? {
        switch command {
        case .pin(let hold): "\(CommandHelp.quoted(hold.alias)) was already pinned at \(CommandHelp.quoted(hold.tag))"
        case .unpin(let alias): "\(CommandHelp.quoted(alias)) was not pinned"
        case .skip(let holds, false):
            "\(holds.map { CommandHelp.quoted("\($0.alias):\($0.tag)") }.joined(separator: ", ")) was already skipped"
        case .unskip(let alias, let tag):
            "\(CommandHelp.quoted(tag.map { "\(alias):\($0)" } ?? alias)) had no skip"
        default: nil
        }
    }
}
