import BotServer
import Foundation
import TestSupport
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test("shutdown waits for the running reconcile to finish")
    func waitsForRun() async throws {
        let worker = RecordingWorker(delay: .seconds(1))
        let server = try await RunningServer.start(worker: worker)
        await worker.waitFor { !$0.isEmpty }
        let asked = ContinuousClock.now
        try await server.stop()
        let stopped = ContinuousClock.now
        let run = try #require(await worker.runs.first)
        let finished = try #require(run.finished)
        #expect(!run.cancelled)
        #expect(finished <= stopped)
        #expect(stopped - asked > .milliseconds(500))
    }

    @Test("a run longer than the grace period is cancelled and the server still stops")
    func cancelsAfterGrace() async throws {
        let worker = RecordingWorker(delay: .seconds(30))
        let server = try await RunningServer.start(worker: worker) { $0.gracePeriod = .milliseconds(300) }
        await worker.waitFor { !$0.isEmpty }
        let asked = ContinuousClock.now
        try? await server.stop()
        let took = ContinuousClock.now - asked
        let run = try #require(await worker.runs.first)
        #expect(run.cancelled)
        #expect(took < .seconds(5))
    }

    @Test("after shutdown the port no longer accepts connections")
    func stopsListening() async throws {
        let server = try await RunningServer.start(worker: RecordingWorker())
        #expect(FreePort.isAccepting(server.port))
        try await server.stop()
        #expect(!FreePort.isAccepting(server.port))
    }
}
