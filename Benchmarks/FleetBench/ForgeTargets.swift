import Engine

/// The targets of issue #12 for forge and git work, checked against the three measured runs.
enum ForgeTargets {
    static func check(
        first: ForgeResult.RunMeasure, unchanged: ForgeResult.RunMeasure, bumped: ForgeResult.RunMeasure,
        expectedUpdates: Int, gitRepositories: Int, violations: Int
    ) -> [ForgeResult.Target] {
        typealias Target = ForgeResult.Target
        let runs = [first, unchanged, bumped]
        let opened = first.actions[RunAction.Kind.openedPullRequest.rawValue] ?? 0
        let updated = bumped.actions[RunAction.Kind.updatedPullRequest.rawValue] ?? 0
        let hourly = unchanged.callsPerHourAt5Minutes
        let budget = ForgeResult.gitHubHourlyBudget
        return [
            Target(
                name: "first run opens one pull request per Application with changes, no errors",
                met: opened == first.applicationsWithChanges && first.errors == 0,
                measured: "\(opened) opened for \(first.applicationsWithChanges), \(first.errors) errors"),
            Target(
                name: "unchanged run makes no forge write call",
                met: unchanged.forge.apiWrites == 0,
                measured: "\(unchanged.forge.apiWrites) writes [\(ForgeTally.operations(unchanged.forge.writes))]"),
            Target(
                name: "unchanged run lists pull requests at most once per git repository",
                met: unchanged.forge.pullRequestLists.max <= 1,
                measured: "\(unchanged.forge.pullRequestLists.text) over \(gitRepositories) repositories"),
            Target(
                name: "unchanged run reads no single pull request and pushes nothing",
                met: unchanged.forge.pullRequestGets == 0 && unchanged.forge.gitPushes.total == 0,
                measured: "\(unchanged.forge.pullRequestGets) PR reads, \(unchanged.forge.gitPushes.total) pushes"),
            Target(
                name: "every run clones/fetches each git repository once",
                met: runs.allSatisfy {
                    $0.forge.gitFetches.max == 1 && $0.forge.gitFetches.repositories == gitRepositories
                },
                measured: runs.map { "\($0.name) \($0.forge.gitFetches.text)" }.joined(separator: ", ")),
            Target(
                name: "run after newer builds updates exactly the affected pull requests, no errors",
                met: updated == expectedUpdates && bumped.errors == 0
                    && (bumped.actions[RunAction.Kind.openedPullRequest.rawValue] ?? 0) == 0,
                measured: "\(updated) updated of \(expectedUpdates) expected, \(bumped.errors) errors"),
            Target(
                name: "unchanged run every 5 minutes uses at most half of GitHub's \(budget) requests/hour",
                met: hourly * 2 <= budget,
                measured: "\(hourly)/hour (\(unchanged.forge.apiCalls) calls per run)"),
            Target(
                name: "no request outside the forge's API description", met: violations == 0, measured: "\(violations)"),
        ]
    }
}
