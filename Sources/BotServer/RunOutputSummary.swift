import Foundation

/// Reads the counts a `run --format json` report carries, tolerantly: fields it does not know
/// are ignored, so the report can grow without breaking the service.
///
/// Looked for (all optional): `applications[].pullRequest.action` (`opened`/`created`,
/// `updated`, `closed`), `commands[]` or `applications[].commands[]` with `outcome`
/// (`applied`/`refused`), and `errors` arrays (top level and per application), counted as kind
/// `application`.
enum RunOutputSummary {
    static func apply(_ json: Data, to summary: inout ReconcileSummary) {
        guard !json.isEmpty,
            let root = (try? JSONSerialization.jsonObject(with: json, options: [])) as? [String: Any]
        else { return }
        var errors = (root["errors"] as? [Any])?.count ?? 0
        var commands = (root["commands"] as? [[String: Any]]) ?? []
        for application in (root["applications"] as? [[String: Any]]) ?? [] {
            errors += (application["errors"] as? [Any])?.count ?? 0
            commands += (application["commands"] as? [[String: Any]]) ?? []
            let pullRequest = application["pullRequest"] as? [String: Any]
            switch pullRequest?["action"] as? String {
            case "opened", "created": summary.pullRequestsOpened += 1
            case "updated": summary.pullRequestsUpdated += 1
            case "closed": summary.pullRequestsClosed += 1
            default: break
            }
        }
        for command in commands {
            switch command["outcome"] as? String {
            case "applied": summary.commandsApplied += 1
            case "refused": summary.commandsRefused += 1
            default: break
            }
        }
        if errors > 0 { summary.errorsByKind["application", default: 0] += errors }
    }
}
