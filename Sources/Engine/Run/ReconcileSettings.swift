import GitClient

/// What every repository's reconciliation shares in one run.
struct ReconcileSettings: Sendable {
    let pullRequests: PullRequestSettings
    let templates: TemplateSet
    let author: GitSignature
    let options: RunOptions
    let store: CheckoutStore
    let lookup: GitCredentialLookup
    let forges: ForgeDirectory
    let log: RunLog
    /// Argo CD's namespace, for reading what an Application runs now (`/pin <alias>`).
    let argocdNamespace: String
    /// Plans one Application again with pins and skips (declined versions enter here as skipped tags).
    let replan: @Sendable (PlannedApplication, ApplicationPlanner.Holds) async -> ApplicationPlan

    var stateBranch: String { pullRequests.branchPrefix + "state" }

    func headBranch(for application: String) -> String {
        pullRequests.branchPrefix + application
    }
}
