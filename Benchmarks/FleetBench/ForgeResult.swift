import Foundation

/// What `fleet-bench forge` measured: three `run`s over one fleet on a fake forge, and the targets checked.
struct ForgeResult: Codable, Sendable {
    /// One `run`: time, what it did, and the forge requests it made.
    struct RunMeasure: Codable, Sendable {
        var name: String
        var wallSeconds: Double
        var applications: Int
        var applicationsWithChanges: Int
        /// Run actions by kind (`opened-pull-request` …).
        var actions: [String: Int]
        var errors: Int
        var firstErrors: [String]
        var forge: ForgeTally

        /// API calls a schedule every 5 minutes would make in an hour if every run were like this one.
        var callsPerHourAt5Minutes: Int { forge.apiCalls * 12 }
    }

    /// One target, met or not, with what was measured.
    struct Target: Codable, Sendable {
        var name: String
        var met: Bool
        var measured: String
    }

    static let gitHubHourlyBudget = 5_000

    var shape: FleetShape
    var forgeKind: BenchForge.Kind
    var gitRepositories: Int
    /// Image repositories given a newer build before the third run, and the pull requests that should follow.
    var bumpedRepositories: Int
    var expectedUpdates: Int
    var runs: [RunMeasure]
    var violations: Int
    var firstViolations: [String]
    var targets: [Target]

    var allMet: Bool { targets.allSatisfy(\.met) }

    var text: String {
        func f(_ value: Double) -> String { String(format: "%.2f", value) }
        var lines = [
            "fleet: \(shape) (seed \(shape.seed)) on a fake \(forgeKind.rawValue); "
                + "third run after a newer build in \(bumpedRepositories) image repositories "
                + "(\(expectedUpdates) pull requests to update)"
        ]
        for run in runs {
            let tally = run.forge
            lines += [
                "\(run.name): \(f(run.wallSeconds)) s, \(run.applications) apps (\(run.applicationsWithChanges) differ "
                    + "from their base), \(run.errors) errors, actions \(ForgeTally.operations(run.actions))",
                "  API calls \(tally.apiCalls) (\(tally.failedAPICalls) failed): reads \(tally.apiReads) "
                    + "[\(ForgeTally.operations(tally.reads))]",
                "    writes \(tally.apiWrites) [\(ForgeTally.operations(tally.writes))]",
                "  PR lists \(tally.pullRequestLists.text), single PR reads \(tally.pullRequestGets)",
                "  git: clones/fetches \(tally.gitFetches.text), ref reads \(tally.gitReadRefs.text), "
                    + "pushes \(tally.gitPushes.text), auth challenges \(tally.gitChallenges)",
                "  as every run of a 5-minute schedule: \(run.callsPerHourAt5Minutes) API calls/hour = "
                    + "\(f(Double(run.callsPerHourAt5Minutes) * 100 / Double(Self.gitHubHourlyBudget)))% "
                    + "of GitHub's \(Self.gitHubHourlyBudget)/hour",
            ]
            if !run.firstErrors.isEmpty { lines.append("  first errors: \(run.firstErrors.joined(separator: " | "))") }
        }
        lines.append("forge API violations: \(violations)")
        lines += firstViolations.map { "  \($0)" }
        lines += targets.map { "target \($0.met ? "met" : "MISSED"): \($0.name) — \($0.measured)" }
        return lines.joined(separator: "\n")
    }
}
