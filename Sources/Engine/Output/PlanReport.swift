/// Renders a plan in one of the `--format` choices.
public enum PlanReport {
    /// Output formats of `plan` and `run`.
    public enum Format: String, Sendable, CaseIterable {
        case text, json, markdown
    }

    /// The whole report for stdout. Markdown needs the pull request text of each Application.
    public static func render(_ plan: Plan, format: Format, contents: [String: PullRequestContent] = [:]) -> String {
        switch format {
        case .text: return PlanText(plan: plan).render()
        case .json: return PlanJSON(plan).render()
        case .markdown: return PlanMarkdown(plan: plan, contents: contents).render()
        }
    }
}
