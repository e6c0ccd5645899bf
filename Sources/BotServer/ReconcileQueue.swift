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
        var scope: ReconcileTrigger.Scope { trigger.scope }
    }

    /// What became of a submitted trigger.
    enum Admission: String, Sendable {
        case queued, coalesced, closed
    }

    private var pending: [Job] = []
    private var running: [Int: Job] = [:]
    private var nextID = 0
    private var closed = false
    private let wakeup: AsyncStream<Void>.Continuation
    /// Yields whenever something may have become startable.
    nonisolated let wakeups: AsyncStream<Void>

    init() {
        (wakeups, wakeup) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `trigger` unless an equivalent waits already; never blocks on running work.
    @discardableResult
    func submit(_ trigger: ReconcileTrigger) -> Admission {
        guard !closed else { return .closed }
        defer { wakeup.yield() }
        if let full = pending.firstIndex(where: { $0.scope == .everything }) {
            if trigger.scope == .everything {
                pending[full].trigger = pending[full].trigger.merged(with: trigger)
                pending = [pending[full]]
            }
            return .coalesced
        }
        if trigger.scope == .everything {
            let absorbed = !pending.isEmpty
            pending = [makeJob(trigger)]
            return absorbed ? .coalesced : .queued
        }
        if let same = pending.firstIndex(where: { $0.scope == trigger.scope }) {
            pending[same].trigger = pending[same].trigger.merged(with: trigger)
            return .coalesced
        }
        pending.append(makeJob(trigger))
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

    private func makeJob(_ trigger: ReconcileTrigger) -> Job {
        nextID += 1
        return Job(id: nextID, trigger: trigger)
    }
}
