import Forges
import Foundation
import GitClient

extension RepositoryReconciler {
    /// Reads the Application's closed, unmerged bot pull requests not read before and records what they proposed
    /// as declined versions. Returns true when a version was newly declined (the plan must be made again).
    func recordDeclines(
        of name: String, head: String, link: ForgeDirectory.Link, state: StateBranch
    ) async throws -> Bool {
        let processed = Set(await state.state[application: name].processedPullRequests)
        let fresh = try await closedPullRequests(link)
            .filter { $0.headBranch == head && $0.state == .closed && !processed.contains($0.number) }
            .sorted { $0.number < $1.number }
        guard !fresh.isEmpty else { return false }
        var holds: [TagHold] = []
        for pull in fresh {
            // Without a readable state block (edited by hand) there is no evidence of which versions were meant.
            guard let block = PullRequestStateBlock(body: pull.body), block.application == name else { continue }
            holds += block.images.map { TagHold(alias: $0.alias, tag: $0.to, pullRequest: pull.number) }
        }
        let numbers = fresh.map(\.number)
        let summary = holds.map { "\($0.alias) \($0.tag)" }.joined(separator: ", ")
        let pulls = numbers.map(link.reference).joined(separator: ", ")
        let message = "\(name): declined \(summary.isEmpty ? "nothing readable" : summary) (\(pulls) closed unmerged)"
        let commit = try await state.update(message: message) { [holds] state in
            var app = state[application: name]
            var changed = false
            for number in numbers where !app.processedPullRequests.contains(number) {
                app.processedPullRequests.append(number)
                changed = true
            }
            for hold in holds where app.decline(hold) { changed = true }
            state[application: name] = app
            return changed
        }
        if commit != nil {
            let prefix = settings.options.dryRun ? "dry-run: would record" : "recorded"
            await record(.recordedState, name, "\(prefix) on \(state.branch): \(message)")
        }
        return !holds.isEmpty
    }

    /// The Application needs no pull request (the base already has its versions): close the bot's pull request
    /// with a comment and delete its branch, or delete a leftover bot branch.
    func retire(_ name: String, head: String, base: String, context: inout RepositoryContext) async throws {
        guard let link = context.link else { return }
        let writer = BranchWriter(
            clone: context.clone, url: context.url, credentials: context.credentials, author: settings.author,
            dryRun: settings.options.dryRun)
        if let pull = context.openPullRequests[head] {
            // Remembered first, so that this close is never read as "not these versions".
            try await context.state.update(
                message: "\(name): \(link.reference(pull.number)) closed, \(base) already has its versions"
            ) { state in
                guard !state[application: name].processedPullRequests.contains(pull.number) else { return false }
                state[application: name].processedPullRequests.append(pull.number)
                return true
            }
            let comment =
                "`\(base)` already runs the newest allowed versions (after pins and skips), so this "
                + "\(link.repository.kind == .gitlab ? "merge" : "pull") request is no longer needed. "
                + "Closed by argocd-image-pr."
            try await link.forge.closePullRequest(number: pull.number, comment: comment, in: link.repository)
            context.openPullRequests[head] = nil
            if !settings.options.dryRun {
                await record(
                    .closedPullRequest, name,
                    "closed \(link.reference(pull.number)) for \(name): \(base) already has its versions",
                    pullRequest: pull.number)
            }
        }
        guard let commit = context.branches[head] else { return }
        if try await writer.delete(branch: head, expected: commit, base: base) {
            context.branches[head] = nil
            let line =
                settings.options.dryRun
                ? "dry-run: would delete branch \(head) (\(commit.short)) in \(location)"
                : "deleted branch \(head) in \(location)"
            await record(settings.options.dryRun ? .dryRun : .deletedBranch, name, line)
        }
    }

    /// Opens the Application's pull request, or brings the open one up to date; writes nothing when it already
    /// says what it should.
    func syncPullRequest(
        _ content: PullRequestContent, name: String, head: String, base: String, link: ForgeDirectory.Link,
        context: inout RepositoryContext
    ) async throws {
        if let pull = context.openPullRequests[head] {
            try await update(pull, to: content, name: name, link: link)
            return
        }
        let pullRequests = settings.pullRequests
        let request = NewPullRequest(
            title: content.title, body: content.body, head: head, base: base, draft: pullRequests.draft,
            labels: pullRequests.allLabels, reviewers: pullRequests.reviewers, assignees: pullRequests.assignees)
        do {
            let created = try await link.forge.createPullRequest(request, in: link.repository)
            context.openPullRequests[head] = created
            if !settings.options.dryRun {
                await record(
                    .openedPullRequest, name, "opened \(link.reference(created.number)) for \(name): \(created.url)",
                    pullRequest: created.number)
            }
        } catch let error as ForgeError where error.isPullRequestAlreadyExists {
            // Another run opened it first: converge on that one.
            let open = try await link.forge.pullRequests(
                in: link.repository, headPrefix: pullRequests.branchPrefix, state: .open)
            guard let pull = open.filter({ $0.headBranch == head }).min(by: { $0.number < $1.number }) else {
                throw error
            }
            context.openPullRequests[head] = pull
            try await update(pull, to: content, name: name, link: link)
        }
    }

    private func update(
        _ pull: PullRequest, to content: PullRequestContent, name: String, link: ForgeDirectory.Link
    ) async throws {
        let title = pull.title == content.title ? nil : content.title
        let body = Self.sameText(pull.body, content.body) ? nil : content.body
        if title != nil || body != nil {
            _ = try await link.forge.updatePullRequest(
                number: pull.number, title: title, body: body, in: link.repository)
            if !settings.options.dryRun {
                await record(
                    .updatedPullRequest, name, "updated \(link.reference(pull.number)) for \(name): \(pull.url)",
                    pullRequest: pull.number)
            }
        }
        let missing = settings.pullRequests.allLabels.filter { !pull.labels.contains($0) }
        if !missing.isEmpty {
            try await link.forge.addLabels(missing, to: pull.number, in: link.repository)
        }
    }

    /// Forges may normalise line endings and trailing whitespace of a body.
    private static func sameText(_ left: String, _ right: String) -> Bool {
        func normal(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return normal(left) == normal(right)
    }
}
