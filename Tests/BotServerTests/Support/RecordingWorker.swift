import BotServer
import Foundation

/// A worker that records every trigger with its start and end, optionally takes its time, and
/// fails when told to; it also tracks how many runs overlap, per scope and in total.
final class RecordingWorker: ReconcileWorker, Sendable {
    struct Run: Sendable {
        let trigger: ReconcileTrigger
        let started: ContinuousClock.Instant
        var finished: ContinuousClock.Instant?
        var cancelled = false
    }

    private let book = Book()
    private let delay: Duration
    private let result: ReconcileSummary

    init(delay: Duration = .zero, result: ReconcileSummary = ReconcileSummary(result: .success)) {
        self.delay = delay
        self.result = result
    }

    func reconcile(_ trigger: ReconcileTrigger) async throws -> ReconcileSummary {
        let index = await book.start(trigger)
        var cancelled = false
        if delay > .zero {
            do { try await Task.sleep(for: delay) } catch { cancelled = true }
        }
        await book.finish(index, cancelled: cancelled)
        if cancelled { throw CancellationError() }
        if result.result == .failed { throw WorkerFailure() }
        return result
    }

    var runs: [Run] { get async { await book.runs } }
    var maximumOverlap: Int { get async { await book.maximumOverlap } }
    var maximumOverlapPerScope: Int { get async { await book.maximumOverlapPerScope } }

    /// Waits until `predicate` holds for the recorded runs, or `timeout` passes.
    @discardableResult
    func waitFor(
        timeout: Duration = .seconds(10), _ predicate: @Sendable ([Run]) -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if predicate(await runs) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return predicate(await runs)
    }

    struct WorkerFailure: Error, CustomStringConvertible {
        var description: String { "test worker: told to fail" }
    }

    private actor Book {
        var runs: [Run] = []
        var active: [ReconcileTrigger.Scope: Int] = [:]
        var maximumOverlap = 0
        var maximumOverlapPerScope = 0

        func start(_ trigger: ReconcileTrigger) -> Int {
            runs.append(Run(trigger: trigger, started: .now))
            active[trigger.scope, default: 0] += 1
            maximumOverlapPerScope = max(maximumOverlapPerScope, active[trigger.scope] ?? 0)
            maximumOverlap = max(maximumOverlap, active.values.reduce(0, +))
            return runs.count - 1
        }

        func finish(_ index: Int, cancelled: Bool) {
            runs[index].finished = .now
            runs[index].cancelled = cancelled
            active[runs[index].trigger.scope, default: 1] -= 1
        }
    }
}
