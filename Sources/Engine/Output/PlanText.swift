/// The human summary `plan --format text` prints.
struct PlanText {
    let plan: Plan

    func render() -> String {
        var lines: [String] = []
        for app in plan.applications {
            var heading = "\(app.name) (\(app.manifest))"
            if let target = app.target {
                heading += " -> \(target.repo) @ \(target.branch), path \(target.path)"
            }
            lines.append(heading)
            if app.changes.isEmpty && app.errors.isEmpty {
                lines.append("  up to date")
            }
            for change in app.changes {
                var line = "  \(change.alias): \(change.image) \(change.from ?? "(unknown)") -> \(change.to)"
                if let digest = change.digest { line += " (\(digest))" }
                if let source = change.fromSource { line += ", current tag from \(source)" }
                lines.append(line)
            }
            for file in app.files {
                lines.append("  writes \(file.path)")
            }
            for warning in app.warnings {
                lines.append("  warning: \(warning)")
            }
            for error in app.errors {
                lines.append("  error: \(error)")
            }
        }
        for error in plan.errors {
            lines.append("error: \(error)")
        }
        let updating = plan.applications.filter { !$0.changes.isEmpty }.count
        let failing = plan.applications.filter { !$0.errors.isEmpty }.count + plan.errors.count
        lines.append(
            "\(plan.applications.count) application(s), \(updating) with updates, \(failing) error(s)")
        return lines.joined(separator: "\n")
    }
}
