import Foundation

/// The soak's numbers: RSS first, last, max and its trend, as a table and as RESULTS.md.
struct SoakReport {
    let samples: [SoakSample]
    let options: SoakOptions
    let command: String
    let peakKiB: Int?
    let elapsed: Double
    /// What the forge holds afterwards, proving the runs did real work.
    let outcome: String

    private static func mib(_ kib: Int) -> String { String(format: "%.1f", Double(kib) / 1024) }
    private static func mib(_ kib: Double) -> String { String(format: "%+.2f", kib / 1024) }

    /// Least-squares slope of RSS against run number, in KiB per run; runs before `from` are left out
    /// (the start-up run and the first few warm caches and allocator arenas).
    func slopeKiBPerRun(from: Int = 0) -> Double {
        let points = samples.filter { $0.run >= from }
        guard points.count >= 2 else { return 0 }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + Double($1.run) } / n
        let meanY = points.reduce(0) { $0 + Double($1.rssKiB) } / n
        var numerator = 0.0
        var denominator = 0.0
        for point in points {
            numerator += (Double(point.run) - meanX) * (Double(point.rssKiB) - meanY)
            denominator += (Double(point.run) - meanX) * (Double(point.run) - meanX)
        }
        return denominator == 0 ? 0 : numerator / denominator
    }

    var results: [String: Int] { samples.reduce(into: [:]) { $0[$1.result, default: 0] += 1 } }

    /// One line per run.
    var table: String {
        var lines = [
            "| run | RSS (MiB) | open fds | seconds | image pushed | result |", "|---:|---:|---:|---:|:---:|---|",
        ]
        for sample in samples {
            lines.append(
                "| \(sample.run) | \(Self.mib(sample.rssKiB)) | \(sample.openFiles) | \(String(format: "%.2f", sample.seconds)) | "
                    + "\(sample.pushedImage ? "yes" : "") | \(sample.result) |")
        }
        return lines.joined(separator: "\n")
    }

    /// RSS and seconds per run at every hundredth run (mean seconds over the hundred before it).
    var checkpoints: String {
        var lines = [
            "| after run | RSS (MiB) | open fds | mean seconds per run since the previous row |",
            "|---:|---:|---:|---:|",
        ]
        let step = samples.count > 200 ? 100 : 10
        var previous = 0
        for sample in samples where sample.run > 0 && (sample.run % step == 0 || sample.run == samples.last?.run) {
            let window = samples.filter { $0.run > previous && $0.run <= sample.run }
            let mean = window.reduce(0) { $0 + $1.seconds } / Double(max(window.count, 1))
            lines.append(
                "| \(sample.run) | \(Self.mib(sample.rssKiB)) | \(sample.openFiles) | \(String(format: "%.2f", mean)) |"
            )
            previous = sample.run
        }
        return lines.joined(separator: "\n")
    }

    var summary: String {
        guard let first = samples.first, let last = samples.last else { return "no samples" }
        let maximum = samples.max { $0.rssKiB < $1.rssKiB }!
        let warm = min(10, samples.count - 1)
        let durations = samples.dropFirst().map(\.seconds).sorted()
        let median = durations.isEmpty ? 0 : durations[durations.count / 2]
        return """
            | measure | value |
            |---|---|
            | reconciles measured | \(samples.count - 1) triggered + 1 start-up run |
            | results | \(results.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) |
            | images pushed | every \(options.pushEvery) triggers (\(samples.filter(\.pushedImage).count) builds) |
            | RSS after start-up run (run 0) | \(Self.mib(first.rssKiB)) MiB |
            | RSS after run \(warm) | \(Self.mib(samples[warm].rssKiB)) MiB |
            | RSS after last run (\(last.run)) | \(Self.mib(last.rssKiB)) MiB |
            | max RSS after a run | \(Self.mib(maximum.rssKiB)) MiB (run \(maximum.run)) |
            | peak RSS (VmHWM) | \(peakKiB.map { Self.mib($0) + " MiB" } ?? "n/a") |
            | slope, all runs | \(Self.mib(slopeKiBPerRun() * 100)) MiB per 100 runs |
            | slope from run \(warm) | \(Self.mib(slopeKiBPerRun(from: warm) * 100)) MiB per 100 runs |
            | open fds after run 0 / last | \(first.openFiles) / \(last.openFiles) |
            | forge afterwards | \(outcome) |
            | median seconds per reconcile | \(String(format: "%.2f", median)) |
            | wall time | \(String(format: "%.0f", elapsed)) s |
            """
    }

    func markdown(machine: String) -> String {
        """
        # Serve soak: the service's RSS over many reconciles

        `serve-soak` starts a real `docker-registry` (TestSupport's `RegistryServer`) holding `frontend` and
        `backend` builds tagged `main-<sha>`, a fake GitHub (TestSupport's `FakeGitHub`: REST API and git smart
        HTTP on loopback) with the seed's chart repository and Application (`update-strategy: latest`,
        `allow-tags: regexp:^main`, Helm write-back), writes an `argocd-image-pr.yaml` (`applications:` the
        chart repository, `forges:` the fake GitHub, `service.interval: 1d` so only the soak's triggers run),
        and starts the real binary: `argocd-image-pr serve --config … --port …`. It then sends
        `POST /trigger?repo=<chart>` with the registry webhook token, waits until
        `argocd_image_pr_runs_total` in `/metrics` moves, and reads the service's `VmRSS` from
        `/proc/<pid>/status` — one trigger at a time. Before every \(options.pushEvery)th trigger it pushes a
        newer build of both images, so that run pushes the bot's branch and updates the pull request; the
        other runs find nothing new (plan, clone, no push).

        Each reconcile runs in a child `argocd-image-pr run --format json`
        (`SubprocessReconcileWorker`), so libgit2 never runs inside the measured process; this soak
        checks that what stays in the service (HTTP server, queue, scheduler, metrics, child handling)
        does not grow.

        Command:

        ```
        \(command)
        ```

        Binary: `\(options.binary)`.

        ## Machine

        \(machine)

        ## Summary

        \(summary)

        The slope is a least-squares fit of RSS (after each run) against run number.

        \(checkpoints)

        Seconds per run most likely grow with the registry rather than the service (not measured apart
        here): every pushed build adds a `main-<sha>` candidate that the `latest` (newest-build)
        strategy examines in each run's child process.

        ## Every run

        \(table)

        """
    }
}
