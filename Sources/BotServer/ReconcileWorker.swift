/// Does the work a trigger asks for; the server guarantees that two calls whose triggers share a
/// ``ReconcileTrigger/Scope`` (or either of which is global) never overlap.
///
/// Implementations should honour task cancellation: it arrives when the shutdown grace period
/// has passed, and the process exits soon after.
public protocol ReconcileWorker: Sendable {
    /// Reconciles what `trigger` concerns. Throwing counts as a failed run.
    func reconcile(_ trigger: ReconcileTrigger) async throws -> ReconcileSummary
}
