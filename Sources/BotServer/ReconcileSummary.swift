/// What one reconcile did, as the worker reports it; the server turns it into metrics and readiness.
public struct ReconcileSummary: Sendable, Equatable {
    /// Overall outcome, following `run`'s exit codes (0, 1, anything else).
    public enum Result: String, Sendable, CaseIterable {
        /// Everything reconciled (including "nothing to do").
        case success
        /// Some Application or image failed; the rest was reconciled. Readiness stays green:
        /// a bad annotation in one manifest is not a reason to take the service out of rotation.
        case partial
        /// The run as a whole failed (bad configuration, crash, timeout).
        case failed
    }

    public var result: Result
    public var pullRequestsOpened: Int
    public var pullRequestsUpdated: Int
    public var pullRequestsClosed: Int
    public var commandsApplied: Int
    public var commandsRefused: Int
    /// Error counts by kind (for example `registry`, `forge`, `git`, `manifest`).
    public var errorsByKind: [String: Int]
    /// One line for logs and `/readyz` when the run did not succeed; never holds secrets.
    public var message: String?

    public init(
        result: Result,
        pullRequestsOpened: Int = 0,
        pullRequestsUpdated: Int = 0,
        pullRequestsClosed: Int = 0,
        commandsApplied: Int = 0,
        commandsRefused: Int = 0,
        errorsByKind: [String: Int] = [:],
        message: String? = nil
    ) {
        self.result = result
        self.pullRequestsOpened = pullRequestsOpened
        self.pullRequestsUpdated = pullRequestsUpdated
        self.pullRequestsClosed = pullRequestsClosed
        self.commandsApplied = commandsApplied
        self.commandsRefused = commandsRefused
        self.errorsByKind = errorsByKind
        self.message = message
    }
}
