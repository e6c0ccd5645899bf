import Foundation

/// Reads the counts a `run --format json` report carries, tolerantly: fields it does not know
/// are ignored, so the report can grow without breaking the service.
///
/// Read: `actions[].action` (`opened-pull-request`, `updated-pull-request`,
/// `closed-pull-request`), `errors` arrays at the top level and per application (counted as
/// kind `application`), and — once `run` reports comment commands — `commands[].outcome`
/// (`applied`/`refused`).
enum RunOutputSummary {
    static func apply(_ json: Data, to summary: inout ReconcileSummary) {
        guard !json.isEmpty,
            let root = (try? JSONSerialization.jsonObject(with: json, options: [])) as? [String: Any]
        else { return }
        for action in (root["actions"] as? [[String: Any]]) ?? [] {
            switch action["action"] as? String {
            case "opened-pull-request": summary.pullRequestsOpened += 1
            case "updated-pull-request": summary.pullRequestsUpdated += 1
            case "closed-pull-request": summary.pullRequestsClosed += 1
            default: break
            }
        }
        for command in (root["commands"] as? [[String: Any]]) ?? [] {
            switch command["outcome"] as? String {
            case "applied": summary.commandsApplied += 1
            case "refused": summary.commandsRefused += 1
            default: break
            }
        }
        var errors = (root["errors"] as? [Any])?.count ?? 0
        for application in (root["applications"] as? [[String: Any]]) ?? [] {
            errors += (application["errors"] as? [Any])?.count ?? 0
        }
        if errors > 0 { summary.errorsByKind["application", default: 0] += errors }
    }
}
