import Foundation

/// Triggers the reconciles one after another and samples the service's RSS after each.
struct SoakDriver {
    let fixture: SoakFixture
    let service: ServeProcess
    let client: ServeClient
    let options: SoakOptions

    func run() async throws -> [SoakSample] {
        try await waitUntilHealthy()
        // The service reconciles once at start; that run is sample 0.
        let startup = ContinuousClock.now
        var counts = try await waitForRun(after: [:])
        var samples = [sample(0, since: startup, pushed: false, result: counts.latest)]
        report(samples[0])
        var build = 0
        for run in 1...options.runs {
            let push = pushes(before: run)
            if push {
                build += 1
                try await fixture.pushBuild(build)
            }
            let before = counts.totals
            let begun = ContinuousClock.now
            try await client.trigger(repo: fixture.repoURL)
            counts = try await waitForRun(after: before)
            let next = sample(run, since: begun, pushed: push, result: counts.latest)
            samples.append(next)
            report(next)
        }
        return samples
    }

    /// Builds pushed over `runs` triggers (the same rule as `run()`).
    func builds(for runs: Int) -> Int {
        (1...runs).filter { pushes(before: $0) }.count
    }

    private func pushes(before run: Int) -> Bool {
        options.pushEvery == 1 || run % options.pushEvery == 1
    }

    private func sample(_ run: Int, since start: ContinuousClock.Instant, pushed: Bool, result: String) -> SoakSample {
        SoakSample(
            run: run, rssKiB: ResidentMemory.current(of: service.pid) ?? 0,
            openFiles: ResidentMemory.openFiles(of: service.pid),
            seconds: (ContinuousClock.now - start).seconds, pushedImage: pushed, result: result)
    }

    private func report(_ sample: SoakSample) {
        let line = String(
            format: "run %4d  RSS %7.1f MiB  fds %3d  %6.2f s  %@ %@", sample.run, Double(sample.rssKiB) / 1024,
            sample.openFiles,
            sample.seconds,
            sample.pushedImage ? "push" : "    ", sample.result)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func waitUntilHealthy() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard service.process.isRunning else { throw SoakError("serve exited:\n\(service.logTail())") }
            if await client.healthy() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw SoakError("serve did not answer /healthz within 60 s:\n\(service.logTail())")
    }

    /// Run totals and which result moved last.
    struct Counts {
        var totals: [String: Int]
        var latest: String
    }

    /// Polls `/metrics` until one more run has finished than in `before`.
    private func waitForRun(after before: [String: Int]) async throws -> Counts {
        let deadline = ContinuousClock.now + options.runTimeout
        let previous = before.values.reduce(0, +)
        while ContinuousClock.now < deadline {
            guard service.process.isRunning else { throw SoakError("serve exited:\n\(service.logTail())") }
            let totals = try await client.runs()
            if totals.values.reduce(0, +) > previous {
                let moved = totals.first { $0.value > before[$0.key, default: 0] }?.key ?? "?"
                return Counts(totals: totals, latest: moved)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SoakError("no run finished within \(options.runTimeout):\n\(service.logTail())")
    }
}
