import Foundation

/// Turns a verified GitLab delivery into a decision; pushes to the bot's own branches are ignored.
struct GitLabWebhook {
    let botBranchPrefix: String

    static let source = "gitlab"

    func decide(event: String, body: Data) throws(WebhookRejection) -> WebhookDecision {
        switch event {
        case "Note Hook":
            let payload = try decode(GitLabPayloads.Note.self, body)
            guard payload.objectAttributes.noteableType == "MergeRequest" else {
                return .ignore(
                    "note on a \(PayloadText.shown(payload.objectAttributes.noteableType)), not a merge request")
            }
            guard let mergeRequest = payload.mergeRequest else {
                throw .malformed(Self.source, "missing field merge_request")
            }
            return .trigger([
                .comment(
                    repositoryURL: payload.project.webURL, number: mergeRequest.iid,
                    commentID: payload.objectAttributes.id)
            ])
        case "Merge Request Hook":
            let payload = try decode(GitLabPayloads.MergeRequestEvent.self, body)
            let action = payload.objectAttributes.action ?? "none"
            guard action == "close" || action == "merge" else {
                return .ignore("merge request \(PayloadText.shown(action))")
            }
            return .trigger([.repository(url: payload.project.webURL)])
        case "Push Hook":
            let payload = try decode(GitLabPayloads.Push.self, body)
            guard payload.ref.hasPrefix("refs/heads/") else {
                return .ignore("push to \(PayloadText.shown(payload.ref)), not a branch")
            }
            if let after = payload.after, !after.isEmpty, after.allSatisfy({ $0 == "0" }) {
                return .ignore("branch deleted")
            }
            let branch = payload.ref.dropFirst("refs/heads/".count)
            guard botBranchPrefix.isEmpty || !branch.hasPrefix(botBranchPrefix) else {
                return .ignore("push to the bot's own branch")
            }
            return .trigger([.repository(url: payload.project.webURL)])
        default:
            return .ignore("event \(PayloadText.shown(event))")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: Data) throws(WebhookRejection) -> T {
        try PayloadDecoder.decode(type, from: body, source: Self.source)
    }
}
