import Foundation

/// Everything one run measured, printable as text and encodable as one JSON line.
struct FleetResult: Codable, Sendable {
    /// One plan run: time, memory, git and registry work, and what it produced.
    struct PlanMeasure: Codable, Sendable {
        var wallSeconds: Double
        var peakRSSMiB: Double
        var cpuSeconds: Double
        var gitCheckouts: Int
        var applications: Int
        var changes: Int
        var errors: Int
        var firstErrors: [String]
        var requests: RequestTally

        init(report: PlanChild.Report, tally: RequestTally) {
            wallSeconds = report.wallSeconds
            peakRSSMiB = Double(report.peakRSSKiB) / 1024
            cpuSeconds = report.cpuSeconds
            gitCheckouts = report.gitCheckouts
            applications = report.applications
            changes = report.changes.count
            errors = report.errors.count
            firstErrors = Array(report.errors.prefix(3))
            requests = tally
        }
    }

    /// One floor run.
    struct FloorMeasure: Codable, Sendable {
        var seconds: Double
        var tally: RequestTally
    }

    var shape: FleetShape
    var uniqueRepositories: Int
    var strategies: [String: Int]
    var changesByStrategy: [String: Int]
    var cold: PlanMeasure
    var warm: PlanMeasure
    var coldFloor: FloorMeasure
    var warmFloor: FloorMeasure
    var floorConcurrency: Int
    /// True when plan and floor spoke to the registry directly (times only, no request counts).
    var direct: Bool

    var coldTimeRatio: Double { cold.wallSeconds / coldFloor.seconds }
    var warmTimeRatio: Double { warm.wallSeconds / warmFloor.seconds }
    var coldRequestRatio: Double { Double(cold.requests.total) / Double(max(coldFloor.tally.total, 1)) }
    var warmRequestRatio: Double { Double(warm.requests.total) / Double(max(warmFloor.tally.total, 1)) }

    var text: String {
        func f(_ value: Double) -> String { String(format: "%.2f", value) }
        var lines = [
            (direct ? "direct to the registry (no counting proxy): request counts below are not measured\n" : "")
                + "fleet: \(shape) (seed \(shape.seed)); \(uniqueRepositories) repositories in use; strategies \(strategies)",
            "cold plan: \(f(cold.wallSeconds)) s (CPU \(f(cold.cpuSeconds)) s), peak RSS \(f(cold.peakRSSMiB)) MiB, git checkouts \(cold.gitCheckouts), "
                + "\(cold.applications) apps, \(cold.changes) changes \(changesByStrategy), \(cold.errors) errors",
            "  registry requests: \(cold.requests.summary); max listings of one repository "
                + "\(cold.requests.maxListingsPerRepository); repeated manifest requests \(cold.requests.repeatedManifestRequests)",
            "cold floor: \(f(coldFloor.seconds)) s, \(coldFloor.tally.summary) (concurrency \(floorConcurrency))",
            "cold ratio ours/floor: time \(f(coldTimeRatio))x, requests \(f(coldRequestRatio))x",
            "warm plan: \(f(warm.wallSeconds)) s (CPU \(f(warm.cpuSeconds)) s), peak RSS \(f(warm.peakRSSMiB)) MiB, \(warm.changes) changes",
            "  registry requests: \(warm.requests.summary); repeated manifest requests \(warm.requests.repeatedManifestRequests)",
            "warm floor: \(f(warmFloor.seconds)) s, \(warmFloor.tally.summary)",
            "warm ratio ours/floor: time \(f(warmTimeRatio))x, requests \(f(warmRequestRatio))x",
        ]
        if !cold.firstErrors.isEmpty { lines.append("first errors: \(cold.firstErrors.joined(separator: " | "))") }
        return lines.joined(separator: "\n")
    }
}
