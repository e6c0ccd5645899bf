import ServiceLifecycle

/// Queues a full reconcile at start and then every `interval`; stops at graceful shutdown.
///
/// A tick that finds the previous full reconcile still running coalesces into one follow-up,
/// so a slow fleet never piles up runs.
struct IntervalTicker: Service {
    let interval: Duration
    let queue: ReconcileQueue

    func run() async throws {
        let queue = queue
        let interval = interval
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await queue.submit(.scheduled)
                try await Task.sleep(for: interval)
            }
        }
    }
}
