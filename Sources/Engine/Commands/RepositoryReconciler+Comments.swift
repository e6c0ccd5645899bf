import Forges
import Foundation

/// Poll mode for comment commands: every run first answers the new commands on the repository's open bot pull
/// requests, so their pins and skips flow into the same run's reconcile.
extension RepositoryReconciler {
    /// Comments are re-read from this long before the watermark: a forge may show a comment a little after the
    /// time it carries. Answered ids make the overlap harmless.
    static let commentOverlap: TimeInterval = 300
    /// How far back the first run of a repository looks for commands.
    static let firstLookBack: TimeInterval = 30 * 24 * 3600
    /// Chatter without commands moves the watermark only when it is this far ahead (one state commit an hour at
    /// most, rather than one per run).
    static let idleWatermarkStep: TimeInterval = 3600

    /// One comment that holds commands for an Application of this run.
    struct PendingComment: Sendable {
        let comment: ForgeComment
        let parsed: ParsedComment
        let pull: PullRequest
        let app: PlannedApplication
    }

    /// Answers the new comment commands on this repository's open bot pull requests, one list call for the whole
    /// repository. Returns the errors, one line each; a comment that failed is left for the next run.
    func processComments(for apps: [PlannedApplication]) async -> [String] {
        guard !settings.options.forgeless, !apps.isEmpty else { return [] }
        // No forge, or a repository that cannot be read: reconcile reports that for each Application.
        guard let link = try? forgeLink(), var context = try? await context(link: link) else { return [] }
        guard !context.openPullRequests.isEmpty else { return [] }
        let stored = await context.state.state
        let since =
            stored.commentsReadUntil.map { $0.addingTimeInterval(-Self.commentOverlap) }
            ?? Date().addingTimeInterval(-Self.firstLookBack)
        let comments: [ForgeComment]
        do {
            comments = try await link.forge.comments(
                on: Array(context.openPullRequests.values), in: link.repository, since: since)
        } catch {
            return ["\(location): cannot read pull request comments for commands: \(error)"]
        }
        let (pending, ceiling, newest) = classify(comments, state: stored, apps: apps, context: context)
        var errors: [String] = []
        var failedAt = ceiling
        var permissions: [String: AccessLevel] = [:]
        for item in pending {
            // An earlier command may have closed the pull request: it takes no more commands.
            let head = settings.headBranch(for: item.app.plan.name)
            guard context.openPullRequests[head]?.number == item.pull.number else { continue }
            do {
                try await answer(item, ceiling: failedAt, permissions: &permissions, link: link, context: &context)
            } catch {
                errors.append("\(location): comment \(item.comment.url): \(error)")
                failedAt = min(failedAt ?? item.comment.updatedAt, item.comment.updatedAt)
            }
        }
        prepared = .success(context)
        if let target = failedAt ?? newest,
            (await context.state.state.commentsReadUntil ?? .distantPast)
                < target.addingTimeInterval(
                    -Self.idleWatermarkStep)
        {
            do {
                try await context.state.update(message: "comments read up to \(target.formatted(.iso8601))") {
                    $0.advanceWatermark(to: target)
                }
            } catch {
                errors.append("\(location): cannot record how far comments were read: \(error)")
            }
        }
        return errors
    }

    /// The comments that hold commands for an Application of this run, oldest first; the oldest time of a comment
    /// left for another run (the watermark must not pass it); the newest time seen.
    private func classify(
        _ comments: [ForgeComment], state: BotState, apps: [PlannedApplication], context: RepositoryContext
    ) -> (pending: [PendingComment], ceiling: Date?, newest: Date?) {
        let parser = CommentCommandParser()
        let processed = Set(state.processedComments)
        var byNumber: [Int: (pull: PullRequest, app: PlannedApplication?)] = [:]
        for (head, pull) in context.openPullRequests {
            let name = head.dropFirst(settings.pullRequests.branchPrefix.count)
            byNumber[pull.number] = (pull, apps.first { $0.plan.name == name })
        }
        var pending: [PendingComment] = []
        var ceiling: Date?
        var newest: Date?
        for comment in comments.sorted(by: { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }) {
            newest = max(newest ?? comment.updatedAt, comment.updatedAt)
            guard !processed.contains(comment.id), !comment.body.contains(CommandHelp.marker),
                let target = byNumber[comment.pullRequestNumber]
            else { continue }
            let parsed = parser.parse(comment.body)
            guard !parsed.isEmpty else { continue }
            guard let app = target.app else {
                // An Application this run does not plan (say, `--repo` named another manifest repository).
                ceiling = min(ceiling ?? comment.updatedAt, comment.updatedAt)
                continue
            }
            pending.append(PendingComment(comment: comment, parsed: parsed, pull: target.pull, app: app))
        }
        return (pending, ceiling, newest)
    }
}
