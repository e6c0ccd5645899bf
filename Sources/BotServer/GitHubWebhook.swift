import Foundation

/// Turns a verified GitHub delivery into a decision.
///
/// `push` to the bot's own branches is ignored: the bot's pushes would otherwise wake it again.
struct GitHubWebhook {
    let botBranchPrefix: String

    static let source = "github"

    func decide(event: String, body: Data) throws(WebhookRejection) -> WebhookDecision {
        switch event {
        case "ping":
            return .pong
        case "issue_comment":
            let payload = try decode(GitHubPayloads.IssueComment.self, body)
            guard payload.action == "created" else {
                return .ignore("issue_comment \(PayloadText.shown(payload.action))")
            }
            guard payload.issue.pullRequest != nil else { return .ignore("comment on an issue, not a pull request") }
            return .trigger([
                .comment(
                    repositoryURL: payload.repository.htmlURL, number: payload.issue.number,
                    commentID: payload.comment.id)
            ])
        case "pull_request":
            let payload = try decode(GitHubPayloads.PullRequestEvent.self, body)
            guard payload.action == "closed" else {
                return .ignore("pull_request \(PayloadText.shown(payload.action))")
            }
            return .trigger([.repository(url: payload.repository.htmlURL)])
        case "push":
            let payload = try decode(GitHubPayloads.Push.self, body)
            guard payload.ref.hasPrefix("refs/heads/") else {
                return .ignore("push to \(PayloadText.shown(payload.ref)), not a branch")
            }
            guard payload.deleted != true else { return .ignore("branch deleted") }
            let branch = payload.ref.dropFirst("refs/heads/".count)
            guard botBranchPrefix.isEmpty || !branch.hasPrefix(botBranchPrefix) else {
                return .ignore("push to the bot's own branch")
            }
            return .trigger([.repository(url: payload.repository.htmlURL)])
        case "registry_package", "package":
            let payload = try decode(GitHubPayloads.PackageEvent.self, body)
            guard let package = payload.registryPackage ?? payload.package else {
                throw .malformed(Self.source, "missing field \(PayloadText.shown(event))")
            }
            guard payload.action == "published" || payload.action == "updated" else {
                return .ignore("\(event) \(PayloadText.shown(payload.action))")
            }
            guard ["container", "docker"].contains(package.packageType.lowercased()) else {
                return .ignore("\(PayloadText.shown(package.packageType)) package, not a container image")
            }
            return .trigger([.image(repository: Self.imageRepository(package))])
        default:
            return .ignore("event \(PayloadText.shown(event))")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: Data) throws(WebhookRejection) -> T {
        try PayloadDecoder.decode(type, from: body, source: Self.source)
    }

    /// `ghcr.io/<namespace>/<name>`, in lower case as the registry stores it.
    private static func imageRepository(_ package: GitHubPayloads.PackageEvent.Package) -> String {
        let host = package.registry?.url.flatMap { URL(string: $0)?.host } ?? "ghcr.io"
        let path = [package.namespace, package.name].compactMap { $0 }.joined(separator: "/")
        return "\(host)/\(path)".lowercased()
    }
}
