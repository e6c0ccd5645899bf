import Forges
import Foundation
import GitClient

/// Makes one target repository's branches and pull requests match the plan of the Applications writing to it.
///
/// Applications are handled one after another, sharing one clone, one branch listing, one list of open bot pull
/// requests (and, only when a new pull request is due, one list of closed ones) and the state branch.
actor RepositoryReconciler {
    /// An Application's plan after reconciling, with the pull request text it got.
    struct Outcome: Sendable {
        var plan: ApplicationPlan
        var content: PullRequestContent?
    }

    let location: RepositoryLocation
    let settings: ReconcileSettings
    private var link: Result<ForgeDirectory.Link?, RunError>?
    var prepared: Result<RepositoryContext, RunError>?
    private var closedPullRequests: [PullRequest]?
    private var dryRunForge: DryRunForge?
    private var drainedDryRunLines = 0
    private var heads: Set<String> = []
    /// Head branches to write anew on the current base even when they already hold the files (`/rebase`).
    var rebuildHeads: Set<String> = []

    init(location: RepositoryLocation, settings: ReconcileSettings) {
        self.location = location
        self.settings = settings
    }

    func reconcile(_ app: PlannedApplication) async -> Outcome {
        var outcome = Outcome(plan: app.plan)
        // Errors (a registry down, a bad manifest) leave the branch and the pull request alone: only positive
        // evidence changes anything.
        guard app.plan.errors.isEmpty, app.plan.target != nil else { return outcome }
        do {
            outcome = try await reconcileApplication(app)
        } catch {
            outcome.plan.errors.append("\(app.spec.location): application \(app.plan.name): \(error)")
        }
        await drainDryRunLines(application: app.plan.name)
        return outcome
    }

    private func reconcileApplication(_ app: PlannedApplication) async throws -> Outcome {
        var plan = app.plan
        let name = plan.name
        let head = settings.headBranch(for: name)
        guard head != settings.stateBranch else {
            throw RunError(
                "its branch \(head) would be the bot's state branch; set a different pullRequests.branchPrefix")
        }
        guard heads.insert(head).inserted else {
            throw RunError("another Application named \(name) already writes to \(location) on branch \(head)")
        }
        let link: ForgeDirectory.Link?
        do {
            link = try forgeLink()
        } catch {
            // Without a forge there is nothing to do for an Application that is up to date.
            if plan.files.isEmpty { return Outcome(plan: plan) }
            throw error
        }
        var context = try await self.context(link: link)
        // Branches moved and pull requests opened stay known to the next Application, whatever happens here.
        defer { prepared = .success(context) }
        let base = try baseBranch(app, context)
        guard let baseCommit = context.branches[base] else {
            throw RunError("base branch \(base) not found in \(location)")
        }

        if await context.state.state[application: name].hasHolds {
            plan = await settings.replan(app, await context.state.state.holds(for: name))
            guard plan.errors.isEmpty else { return Outcome(plan: plan) }
        }
        if let link = context.link, !plan.files.isEmpty, context.openPullRequests[head] == nil,
            try await recordDeclines(of: name, head: head, link: link, state: context.state)
        {
            plan = await settings.replan(app, await context.state.state.holds(for: name))
            guard plan.errors.isEmpty else { return Outcome(plan: plan) }
        }

        guard !plan.files.isEmpty else {
            if plan.changes.isEmpty { try await retire(name, head: head, base: base, context: &context) }
            return Outcome(plan: plan)
        }
        let held = await context.state.state[application: name]
        let content = PullRequestContent(
            plan: plan,
            context: PullRequestContext(
                overridePath: plan.files[0].path, baseBranch: base,
                pins: held.pins.map { .init(alias: $0.alias, tag: $0.tag) },
                skips: (held.declined + held.skips).map { .init(alias: $0.alias, tag: $0.tag) },
                isMergeRequest: link?.repository.kind == .gitlab),
            templates: settings.templates)

        // The files were rendered from the base as cloned; if it moved since, they may undo someone's change.
        if let planned = try await plannedBase(base, context), planned != baseCommit {
            await record(
                .deferred, name, "left \(name) for the next run: \(base) moved while this run was planning")
            return Outcome(plan: plan, content: content)
        }
        try await writeBranch(
            plan.files, name: name, head: head, base: base, baseCommit: baseCommit,
            message: content.commitMessage, context: &context)
        if let link = context.link {
            try await syncPullRequest(content, name: name, head: head, base: base, link: link, context: &context)
        } else {
            let verb = context.openPullRequests[head] == nil ? "open" : "update"
            await record(
                .pullRequestText, name, "pull request to \(verb) for \(name) (\(head) → \(base)): \(content.title)",
                title: content.title, body: content.body)
        }
        return Outcome(plan: plan, content: content)
    }

    // MARK: Repository

    /// The forge of this repository (nil with `--forge none`); in a dry run its writes are only recorded.
    func forgeLink() throws(RunError) -> ForgeDirectory.Link? {
        if let link { return try link.get() }
        do {
            var found = settings.options.forgeless ? nil : try settings.forges.link(for: location)
            if settings.options.dryRun, let real = found {
                let dry = DryRunForge(wrapping: real.forge, printer: { _ in })
                dryRunForge = dry
                found = ForgeDirectory.Link(repository: real.repository, forge: dry)
            }
            link = .success(found)
            return found
        } catch {
            link = .failure(error)
            throw error
        }
    }

    func context(link: ForgeDirectory.Link?) async throws -> RepositoryContext {
        if let prepared { return try prepared.get() }
        let result: Result<RepositoryContext, RunError>
        do {
            result = .success(
                try await RepositoryContext.prepare(
                    location, store: settings.store, lookup: settings.lookup, link: link,
                    settings: settings.pullRequests, author: settings.author, dryRun: settings.options.dryRun))
        } catch let error as RunError {
            result = .failure(error)
        } catch {
            result = .failure(RunError("\(location): \(error)"))
        }
        prepared = result
        return try result.get()
    }

    private func baseBranch(_ app: PlannedApplication, _ context: RepositoryContext) throws -> String {
        if let branch = app.spec.baseBranch, branch != "HEAD" { return branch }
        guard let branch = context.defaultBranch else {
            throw RunError("cannot tell the default branch of \(location); set targetRevision to a branch")
        }
        return branch
    }

    /// The base commit the plan was rendered from (as the clone had it).
    private func plannedBase(_ base: String, _ context: RepositoryContext) async throws -> GitOID? {
        if let commit = try await context.clone.resolve(ref: "refs/heads/\(base)") { return commit }
        return try await context.clone.resolve(ref: "refs/remotes/origin/\(base)")
    }

    private func writer(_ context: RepositoryContext) -> BranchWriter {
        BranchWriter(
            clone: context.clone, url: context.url, credentials: context.credentials, author: settings.author,
            dryRun: settings.options.dryRun)
    }

    private func writeBranch(
        _ files: [FileChange], name: String, head: String, base: String, baseCommit: GitOID, message: String,
        context: inout RepositoryContext
    ) async throws {
        let outcome = try await writer(context).write(
            files, branch: head, base: base, baseCommit: baseCommit, current: context.branches[head], message: message,
            fresh: rebuildHeads.remove(head) != nil)
        switch outcome {
        case .unchanged(let commit):
            context.branches[head] = commit
        case .pushed(let commit):
            context.branches[head] = commit
            await record(.pushedBranch, name, "pushed branch \(head) (\(commit.short)) for \(name) to \(location)")
        case .wouldPush(let commit):
            await record(
                .dryRun, name,
                "dry-run: would push branch \(head) (\(commit.short), on \(base) \(baseCommit.short)) to \(location)")
        }
    }

    func record(
        _ kind: RunAction.Kind, _ application: String?, _ line: String, pullRequest: Int? = nil, title: String? = nil,
        body: String? = nil
    ) async {
        await settings.log.record(
            RunAction(kind, application: application, line: line, pullRequest: pullRequest, title: title, body: body))
    }

    private func drainDryRunLines(application: String) async {
        guard let dryRunForge else { return }
        let lines = await dryRunForge.writes()
        for line in lines.dropFirst(drainedDryRunLines) {
            await record(.dryRun, application, line)
        }
        drainedDryRunLines = lines.count
    }

    func closedPullRequests(_ link: ForgeDirectory.Link) async throws -> [PullRequest] {
        if let closedPullRequests { return closedPullRequests }
        let closed = try await link.forge.pullRequests(
            in: link.repository, headPrefix: settings.pullRequests.branchPrefix, state: .closed)
        closedPullRequests = closed
        return closed
    }
}
