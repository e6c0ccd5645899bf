/// What `run` did: the plan (with the errors reconciling added to each Application), the actions taken in
/// order, and the pull request text of each Application that has one.
public struct RunResult: Sendable {
    public var plan: Plan
    public var actions: [RunAction]
    /// By Application name.
    public var pullRequests: [String: PullRequestContent]

    public init(plan: Plan, actions: [RunAction], pullRequests: [String: PullRequestContent]) {
        self.plan = plan
        self.actions = actions
        self.pullRequests = pullRequests
    }

    /// True when any input, Application, image or reconcile step failed (exit code 1).
    public var hasErrors: Bool { plan.hasErrors }

    /// The report for stdout in one of the `--format` choices.
    public func render(format: PlanReport.Format) -> String {
        RunReport(result: self).render(format: format)
    }
}
