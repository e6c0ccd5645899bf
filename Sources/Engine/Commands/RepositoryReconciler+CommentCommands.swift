import AppManifests
import Forges
import Foundation
import ImageRef

extension RepositoryReconciler {
    /// Answers one comment: refuses it (no write access), rejects it (a bad command: nothing changes), or applies
    /// its commands in order, one state commit each, the last one recording the comment as answered. Only the run
    /// whose commit recorded it reacts, replies and acts on the pull request, so two runs answer a comment once.
    func answer(
        _ item: PendingComment, ceiling: Date?, permissions: inout [String: AccessLevel], link: ForgeDirectory.Link,
        context: inout RepositoryContext
    ) async throws {
        let comment = item.comment
        let name = item.app.plan.name
        let state = context.state
        let origin = CommandHelp.oneLine("by @\(comment.author) (\(comment.url))", limit: 300)
        let reference = Self.reference(item.pull.number, link)

        let level: AccessLevel
        if let known = permissions[comment.author] {
            level = known
        } else {
            level = try await link.forge.permission(of: comment.author, in: link.repository)
            permissions[comment.author] = level
        }
        guard level.canWrite else {
            let message = "\(name): refused commands on \(reference) \(origin): no write access"
            guard try await markAnswered(comment, ceiling: ceiling, message: message, state: state) else { return }
            try await acknowledge(
                comment, .refused, reply: CommentAnswer.refusal(author: comment.author, reference: reference),
                link: link, name: name)
            return
        }

        let resolution = await resolve(item, state: state)
        let problems = item.parsed.problems + resolution.problems
        guard problems.isEmpty else {
            let message = "\(name): ignored invalid commands on \(reference) \(origin)"
            guard try await markAnswered(comment, ceiling: ceiling, message: message, state: state) else { return }
            try await acknowledge(
                comment, .refused, reply: CommentAnswer.invalid(problems, truncated: item.parsed.truncated),
                link: link, name: name)
            return
        }

        let number = item.pull.number
        for (index, entry) in resolution.commands.enumerated() {
            let last = index == resolution.commands.count - 1
            let resolved = entry.resolved
            let message = CommandHelp.oneLine("\(name): \(entry.command.text) on \(reference) \(origin)", limit: 400)
            let commit = try await state.update(message: message) { state in
                // Answered by another run meanwhile: its commits carried these commands already.
                guard !state.processedComments.contains(comment.id) else { return false }
                let changed = resolved.apply(to: &state[application: name], pullRequest: number)
                return last ? state.markAnswered(comment, ceiling: ceiling) : changed
            }
            if commit != nil { await recordStateChange(name, message) }
            if last, commit == nil { return }
        }

        let head = settings.headBranch(for: name)
        let commands = resolution.commands.map(\.resolved)
        if commands.contains(where: \.rebuildsBranch) { rebuildHeads.insert(head) }
        if let closing = commands.first(where: \.closesPullRequest) {
            let text: String
            if case .skip(let holds, _) = closing {
                text = CommentAnswer.skippedAll(holds, author: comment.author)
            } else {
                text = CommentAnswer.recreating(author: comment.author)
            }
            try await link.forge.closePullRequest(number: number, comment: text, in: link.repository)
            context.openPullRequests[head] = nil
            if !settings.options.dryRun {
                await record(
                    .closedPullRequest, name, "closed \(reference) for \(name): \(entry(closing)) \(origin)",
                    pullRequest: number)
            }
        }
        let reply = CommentAnswer.done(
            notes: resolution.notes, help: commands.contains(.help), truncated: item.parsed.truncated)
        try await acknowledge(comment, .done, reply: reply, link: link, name: name)
    }

    /// Checks the commands against the Application and fills in defaults (the proposed and current tags).
    private func resolve(_ item: PendingComment, state: StateBranch) async -> CommandResolver.Resolution {
        let name = item.app.plan.name
        var proposed: [String: String] = [:]
        if let block = PullRequestStateBlock(body: item.pull.body), block.application == name {
            for image in block.images where proposed[image.alias] == nil { proposed[image.alias] = image.to }
        }
        let wantsCurrent = item.parsed.commands.contains {
            if case .pin(_, nil) = $0.action { return true }
            return false
        }
        let resolver = CommandResolver(
            aliases: item.app.spec.images.map(\.alias), proposed: proposed,
            current: wantsCurrent ? await currentTags(item.app) : [:],
            state: await state.state[application: name], application: name, pullRequest: item.pull.number)
        return resolver.resolve(item.parsed.commands)
    }

    /// The tag each image runs now on the base branch, where the repository says (an image-list tag is a
    /// constraint or a followed tag, not evidence of what runs).
    private func currentTags(_ app: PlannedApplication) async -> [String: String] {
        guard let files = try? await settings.store.files(for: app.target, branch: app.spec.baseBranch),
            let currents = try? await CurrentImageResolver(argocdNamespace: settings.argocdNamespace)
                .resolve(app: app.spec, files: files)
        else { return [:] }
        var tags: [String: String] = [:]
        for (alias, current) in currents where current.source != .imageList {
            if let tag = current.tag, OCIGrammar.isValidTag(tag) { tags[alias] = tag }
        }
        return tags
    }

    /// One commit that records the comment as answered and changes nothing else; false when another run did.
    private func markAnswered(
        _ comment: ForgeComment, ceiling: Date?, message: String, state: StateBranch
    ) async throws -> Bool {
        let message = CommandHelp.oneLine(message, limit: 400)
        let commit = try await state.update(message: message) { $0.markAnswered(comment, ceiling: ceiling) }
        guard commit != nil else { return false }
        await recordStateChange(nil, message)
        return true
    }

    private func acknowledge(
        _ comment: ForgeComment, _ reaction: Reaction, reply: String?, link: ForgeDirectory.Link, name: String
    ) async throws {
        try await link.forge.react(to: comment, with: reaction, in: link.repository)
        if let reply { try await link.forge.comment(on: comment.pullRequestNumber, body: reply, in: link.repository) }
        guard !settings.options.dryRun else { return }
        let verb = reaction == .done ? "answered" : "refused"
        await record(
            .answeredComment, name,
            "\(verb) comment \(comment.id) on \(Self.reference(comment.pullRequestNumber, link))",
            pullRequest: comment.pullRequestNumber)
    }

    private func recordStateChange(_ name: String?, _ message: String) async {
        let prefix = settings.options.dryRun ? "dry-run: would record" : "recorded"
        await record(.recordedState, name, "\(prefix) on \(settings.stateBranch): \(message)")
    }

    private func entry(_ command: ResolvedCommand) -> String {
        command == .recreate ? "/recreate" : "/skip"
    }

    /// How people on the forge name a pull request: `PR #12` on GitHub, `MR !12` on GitLab.
    static func reference(_ number: Int, _ link: ForgeDirectory.Link) -> String {
        link.repository.kind == .gitlab ? "MR !\(number)" : "PR #\(number)"
    }
}
