import Logging
import ServiceLifecycle

/// Runs queued triggers on the worker, as many at once as the queue's scope rules allow.
///
/// At graceful shutdown it starts nothing new and waits for the runs in flight; the service
/// group cancels them if the grace period passes first.
struct ReconcileScheduler: Service {
    let queue: ReconcileQueue
    let worker: any ReconcileWorker
    let status: RunStatus
    let metrics: BotMetrics
    let logger: Logger

    func run() async {
        await withDiscardingTaskGroup { group in
            for await _ in queue.wakeups.cancelOnGracefulShutdown() {
                for job in await queue.startReady() {
                    group.addTask { await execute(job) }
                }
            }
            await queue.close()
            logger.debug("scheduler stopped taking work; waiting for running reconciles")
        }
    }

    private func execute(_ job: ReconcileQueue.Job) async {
        var logger = logger
        logger[metadataKey: "reconcile.trigger"] = "\(job.trigger)"
        switch job.trigger {
        case .repository(let url), .comment(let url, _, _): logger[metadataKey: "repo.url"] = "\(url)"
        case .image(let repository): logger[metadataKey: "image.repository"] = "\(repository)"
        case .scheduled, .manual: break
        }
        logger.info("reconcile started")
        let clock = ContinuousClock()
        let start = clock.now
        var summary: ReconcileSummary
        do {
            summary = try await worker.reconcile(job.trigger)
        } catch {
            metrics.recordError(kind: "worker")
            summary = ReconcileSummary(result: .failed, message: "\(error)")
        }
        let duration = clock.now - start
        metrics.recordRun(summary.result, duration: duration)
        metrics.record(summary)
        await status.record(summary)
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        logger.log(
            level: summary.result == .failed ? .error : .info,
            "reconcile finished",
            metadata: [
                "reconcile.result": "\(summary.result.rawValue)",
                "reconcile.seconds": "\((seconds * 1000).rounded() / 1000)",
                "reconcile.message": summary.message.map { "\($0)" } ?? "-",
            ])
        await queue.finish(job)
    }
}
