import Foundation

/// The outcome of the last finished reconcile, for `/readyz`.
actor RunStatus {
    private(set) var lastResult: ReconcileSummary.Result?
    private(set) var lastMessage: String?
    private(set) var lastFinished: Date?

    func record(_ summary: ReconcileSummary) {
        lastResult = summary.result
        lastMessage = summary.message
        lastFinished = Date()
    }

    /// Ready unless the last reconcile failed as a whole.
    var isReady: Bool { lastResult != .failed }
}
