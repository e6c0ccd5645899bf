/// Does the work a trigger asks for; the server guarantees that two calls whose scopes conflict
/// (the same repository, or either of them global) never overlap.
///
/// Implementations should honour task cancellation: it arrives when the shutdown grace period
/// has passed, and the process exits soon after.
public protocol ReconcileWorker: Sendable {
    /// Reconciles what `trigger` concerns. Throwing counts as a failed run.
    func reconcile(_ trigger: ReconcileTrigger) async throws -> ReconcileSummary

    /// What a run for `trigger` may touch, for locking. A worker that widens a trigger (runs
    /// everything for a repository it cannot target) must say so here, or two runs could
    /// overlap on the same repository. Default: ``ReconcileTrigger/scope``.
    func scope(of trigger: ReconcileTrigger) -> ReconcileTrigger.Scope
}

extension ReconcileWorker {
    public func scope(of trigger: ReconcileTrigger) -> ReconcileTrigger.Scope { trigger.scope }
}
