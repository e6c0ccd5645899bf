import Foundation

/// Title, body and commit message of one Application's pull request.
public struct PullRequestContent: Sendable, Equatable {
    public var title: String
    public var body: String
    public var commitMessage: String

    /// Marker that opens the hidden, machine-readable state block in a PR body.
    public static let stateMarker = "<!-- argocd-image-pr: "

    /// Renders the templates for a plan; the state block is appended by code so that a
    /// user template cannot drop or corrupt it.
    public init(plan: ApplicationPlan, context: PullRequestContext, templates: TemplateSet) {
        let values = context.templateValues(for: plan)
        title = Self.oneLine(templates.title.render(values))
        commitMessage = templates.commitMessage.render(values).trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
        let rendered = templates.body.render(values).trimmingCharacters(in: .whitespacesAndNewlines)
        body = rendered + "\n\n" + Self.stateMarker + context.stateJSON(for: plan) + " -->\n"
    }

    private static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        // Forges cap titles (GitHub 256, GitLab 255); keep well inside.
        return line.count > 250 ? String(line.prefix(249)) + "…" : line
    }
}
