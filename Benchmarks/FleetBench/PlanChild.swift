import Engine
import Foundation
import Logging

/// Runs one whole-fleet `plan` through the public `Planner` in its own process, so peak RSS is the
/// plan's alone, and writes what it measured as JSON for the parent.
struct PlanChild {
    /// What one plan run measured.
    struct Report: Codable, Sendable {
        var wallSeconds: Double
        var peakRSSKiB: Int
        /// User plus system CPU seconds of the whole child process.
        var cpuSeconds: Double
        /// Checkouts and clones seen in the plan's scratch folder (its git operations).
        var gitCheckouts: Int
        var applications: Int
        var changes: [Change]
        var errors: [String]
    }

    /// One proposed image change.
    struct Change: Codable, Sendable {
        var application: String
        var image: String
        var to: String
    }

    let applicationsFolder: String
    let cacheHome: String
    let scratch: URL

    func run() async -> Report {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cacheHome
        let configuration = BotConfiguration(applications: [ApplicationSource(repo: applicationsFolder)])
        let logger = Logger(label: "fleet-bench") { _ in SwiftLogNoOpLogHandler() }
        let planner = Planner(configuration: configuration, environment: environment, logger: logger) { _ in }
        let watcher = ScratchWatcher(folder: scratch)
        let start = ContinuousClock.now
        let (plan, checkouts) = await withTaskGroup(of: Int?.self) { group -> (Plan?, Int) in
            group.addTask { await watcher.watch() }
            let plan = try? await planner.plan(repositories: [])
            group.cancelAll()
            var seen = 0
            for await value in group { seen = max(seen, value ?? 0) }
            return (plan, seen)
        }
        let elapsed = ContinuousClock.now - start
        let apps = plan?.applications ?? []
        let changes = apps.flatMap { app in
            app.changes.map { Change(application: app.name, image: $0.image, to: $0.to) }
        }
        let errors = plan.map(\.allErrors) ?? ["plan threw a usage error"]
        return Report(
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            peakRSSKiB: ProcessMemory.peakRSSKiB(), cpuSeconds: ProcessMemory.cpuSeconds(), gitCheckouts: checkouts,
            applications: apps.count,
            changes: changes, errors: errors)
    }
}
