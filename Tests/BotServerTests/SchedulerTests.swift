import BotServer
import Foundation
import Testing

@Suite("Scheduler")
struct SchedulerTests {
    @Test("a full reconcile runs at start and then every interval")
    func interval() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker, interval: .seconds(1))
        let three = await worker.waitFor(timeout: .seconds(6)) { $0.filter { $0.trigger == .scheduled }.count >= 3 }
        try await server.stop()
        let starts = await worker.runs.filter { $0.trigger == .scheduled }.map(\.started)
        #expect(three)
        try #require(starts.count >= 3)
        let gap = starts[2] - starts[1]
        #expect(gap > .milliseconds(800) && gap < .milliseconds(1800), "gap \(gap)")
    }

    @Test("runs of one repository never overlap, and triggers arriving meanwhile coalesce into one follow-up")
    func noOverlap() async throws {
        let worker = RecordingWorker(delay: .milliseconds(400))
        let server = try await RunningServer.start(worker: worker)
        await worker.waitFor { $0.first?.finished != nil }
        for index in 0..<5 {
            let response = try await server.github("push", Payloads.push(ref: "refs/heads/main"), delivery: "p\(index)")
            #expect(response.status == 202)
        }
        try await Task.sleep(for: .milliseconds(1500))
        let repositoryRuns = await worker.runs.filter { $0.trigger.scope != .everything }
        let overlap = await worker.maximumOverlapPerScope
        try await server.stop()
        #expect(overlap == 1)
        #expect(repositoryRuns.count == 2, "one run plus one coalesced follow-up, got \(repositoryRuns.count)")
    }

    @Test("different repositories run side by side, a full reconcile runs alone")
    func parallelRepositories() async throws {
        let worker = RecordingWorker(delay: .milliseconds(300))
        let server = try await RunningServer.start(worker: worker)
        await worker.waitFor { $0.first?.finished != nil }
        for repo in ["a", "b"] {
            _ = try await server.post(
                "/trigger?repo=https://git.example.com/\(repo)&token=\(RunningServer.registryToken)")
        }
        let both = await worker.waitFor {
            $0.filter { $0.trigger.scope != .everything && $0.finished != nil }.count == 2
        }
        let overlap = await worker.maximumOverlap
        try await server.stop()
        #expect(both)
        #expect(overlap == 2)
    }
}
