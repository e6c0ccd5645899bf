/// `plan --format markdown`: for each Application with updates, what its pull request would say.
struct PlanMarkdown {
    let plan: Plan
    let contents: [String: PullRequestContent]

    func render() -> String {
        var sections: [String] = []
        for app in plan.applications {
            if let content = contents[app.name], !app.changes.isEmpty {
                sections.append("## \(content.title)\n\n\(content.body)")
            } else if app.errors.isEmpty {
                sections.append("## \(app.name)\n\nUp to date.")
            }
            if !app.errors.isEmpty {
                let errorLines = app.errors.map { "- \($0)" }.joined(separator: "\n")
                sections.append("## \(app.name): errors\n\n\(errorLines)")
            }
        }
        if !plan.errors.isEmpty {
            sections.append("## Errors\n\n" + plan.errors.map { "- \($0)" }.joined(separator: "\n"))
        }
        if sections.isEmpty {
            sections.append("No Applications with image updates were found.")
        }
        return sections.joined(separator: "\n\n")
    }
}
