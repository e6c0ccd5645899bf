/// The scheduler's bookkeeping: which triggers wait, which run, and which may start now.
///
/// Rules: runs whose scopes conflict never overlap (a global run excludes all others, two runs of
/// the same repository exclude each other); a trigger whose scope already waits merges into it;
/// a waiting full reconcile absorbs every other waiting trigger. A trigger arriving while its
/// scope *runs* waits for one follow-up run, since the running one may have read stale state.
actor ReconcileQueue {
    /// One unit of work.
    struct Job: Sendable, Equatable {
        let id: Int
        var trigger: ReconcileTrigger
        /// The worker's scope for the trigger, which may be wider than the trigger's own.
        let scope: ReconcileTrigger.Scope
    }

    /// What became of a submitted trigger.
    enum Admission: String, Sendable {
        case queued, coalesced, closed
    }

    private var pending: [Job] = []
    private var running: [Int: Job] = [:]
    private var nextID = 0
    private var closed = false
    private let scopeOf: @Sendable (ReconcileTrigger) -> ReconcileTrigger.Scope
    private let wakeup: AsyncStream<Void>.Continuation
    /// Yields whenever something may have become startable.
    nonisolated let wakeups: AsyncStream<Void>

    /// - Parameter scope: the worker's view of what a trigger touches (``ReconcileWorker/scope(of:)``).
    init(scope: @escaping @Sendable (ReconcileTrigger) -> ReconcileTrigger.Scope = { $0.scope }) {
        scopeOf = scope
        (wakeups, wakeup) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `trigger` unless an equivalent waits already; never blocks on running work.
    @discardableResult
    func submit(_ trigger: ReconcileTrigger) -> Admission {
        guard !closed else { return .closed }
        defer { wakeup.yield() }
        let scope = scopeOf(trigger)
        if let full = pending.firstIndex(where: { $0.scope == .everything }) {
            if scope == .everything {
                pending[full].trigger = Self.merge(pending[full].trigger, trigger)
                pending = [pending[full]]
            }
            return .coalesced
        }
        if scope == .everything {
            let absorbed = !pending.isEmpty
            pending = [makeJob(trigger, scope: scope)]
            return absorbed ? .coalesced : .queued
        }
        if let same = pending.firstIndex(where: { $0.scope == scope }) {
            pending[same].trigger = Self.merge(pending[same].trigger, trigger)
            return .coalesced
        }
        pending.append(makeJob(trigger, scope: scope))
        return .queued
    }

    /// Moves every job that may start now to running, in arrival order; a waiting global job
    /// holds back everything behind it so it cannot starve.
    func startReady() -> [Job] {
        guard !closed else { return [] }
        var started: [Job] = []
        var index = 0
        while index < pending.count {
            let job = pending[index]
            if running.values.contains(where: { $0.scope.conflicts(with: job.scope) }) {
                if job.scope.isGlobal { break }
                index += 1
                continue
            }
            pending.remove(at: index)
            running[job.id] = job
            started.append(job)
        }
        return started
    }

    /// Marks `job` done, which may let waiting jobs start.
    func finish(_ job: Job) {
        running[job.id] = nil
        wakeup.yield()
    }

    /// Stops starting work and forgets what waits (shutdown); running jobs are left to finish.
    func close() {
        closed = true
        pending = []
        wakeup.finish()
    }

    /// Triggers waiting and running, for `/readyz` and tests.
    var counts: (pending: Int, running: Int) { (pending.count, running.count) }

    private func makeJob(_ trigger: ReconcileTrigger, scope: ReconcileTrigger.Scope) -> Job {
        nextID += 1
        return Job(id: nextID, trigger: trigger, scope: scope)
    }

    /// Two triggers sharing a lock scope; when the worker widened one of them to a full run,
    /// a trigger that *is* a full run names it best.
    private static func merge(_ waiting: ReconcileTrigger, _ new: ReconcileTrigger) -> ReconcileTrigger {
        if waiting.scope == new.scope { return waiting.merged(with: new) }
        return waiting.scope != .everything && new.scope == .everything ? new : waiting
    }
}
