import Foundation

/// `run`'s report: the plan as `plan` prints it, then one line per action (JSON: an `actions` array added to
/// the plan document).
struct RunReport {
    let result: RunResult

    func render(format: PlanReport.Format) -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .json: return json()
        }
    }

    private func text() -> String {
        var lines = [PlanReport.render(result.plan, format: .text)]
        for action in result.actions {
            lines.append(action.line)
            if let title = action.title { lines.append("  title: \(title)") }
            if let body = action.body {
                lines.append("  body:")
                lines += body.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
            }
        }
        if result.actions.isEmpty { lines.append("nothing to change") }
        return lines.joined(separator: "\n")
    }

    private func markdown() -> String {
        var text = PlanReport.render(result.plan, format: .markdown, contents: result.pullRequests)
        let lines = result.actions.filter { $0.kind != .pullRequestText }.map { "- \($0.line)" }
        text += "\n\n## Actions\n\n" + (lines.isEmpty ? "Nothing to change." : lines.joined(separator: "\n"))
        return text
    }

    private func json() -> String {
        let planText = PlanReport.render(result.plan, format: .json)
        guard var document = (try? JSONSerialization.jsonObject(with: Data(planText.utf8))) as? [String: Any] else {
            return planText
        }
        document["actions"] = result.actions.map { action -> [String: Any] in
            var entry: [String: Any] = ["action": action.kind.rawValue, "line": action.line]
            entry["application"] = action.application ?? NSNull()
            if let number = action.pullRequest { entry["pullRequest"] = number }
            if let title = action.title { entry["title"] = title }
            if let body = action.body { entry["body"] = body }
            return entry
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return planText }
        return text
    }
}
