/// How `run` acts on the plan.
public struct RunOptions: Sendable, Equatable {
    /// Make no git push and no forge write; describe each instead (`--dry-run`).
    public var dryRun: Bool
    /// Push branches but talk to no forge, showing the pull request text instead (`--forge none`).
    public var forgeless: Bool

    public init(dryRun: Bool = false, forgeless: Bool = false) {
        self.dryRun = dryRun
        self.forgeless = forgeless
    }
}
