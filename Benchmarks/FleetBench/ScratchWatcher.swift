import Foundation

/// Counts the checkouts (`tree-N`) and clones (`clone-N`) the planner makes in its scratch folder
/// under `$TMPDIR`; the planner logs none of them, and removes the folder when it is done, so the
/// folder is polled while the plan runs.
struct ScratchWatcher: Sendable {
    let folder: URL

    /// Polls every 20 ms until cancelled; returns the most entries seen at once.
    func watch() async -> Int {
        var most = 0
        while !Task.isCancelled {
            most = max(most, count())
            try? await Task.sleep(for: .milliseconds(20))
        }
        return most
    }

    private func count() -> Int {
        let files = FileManager.default
        guard let runs = try? files.contentsOfDirectory(atPath: folder.path) else { return 0 }
        var total = 0
        for run in runs where run.hasPrefix("argocd-image-pr-") {
            let entries = (try? files.contentsOfDirectory(atPath: folder.appendingPathComponent(run).path)) ?? []
            total += entries.count { $0.hasPrefix("tree-") || $0.hasPrefix("clone-") }
        }
        return total
    }
}
