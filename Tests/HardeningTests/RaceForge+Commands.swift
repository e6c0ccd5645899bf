import Crypto
import Foundation
import TestSupport

/// People commenting commands on the bot's requests, and the webhook delivery the forge would send for it.
extension RaceForge {
    static let commenter = "alice"
    static let githubSecret = "race-github-webhook-secret"
    static let gitlabToken = "race-gitlab-webhook-token"

    /// Gives the commenter write access (GitHub `write`, GitLab Developer) on the repository.
    func allowCommenter(in name: String) async {
        switch self {
        case .github(let github):
            await github.setPermission("write", for: Self.commenter, owner: Self.owner, name: name)
        case .gitlab(let gitlab):
            await gitlab.setAccessLevel(30, for: Self.commenter, project: "\(Self.owner)/\(name)")
        }
    }

    /// The commenter's comment on request `number`; returns its id.
    func comment(_ body: String, on number: Int, in name: String) async throws -> Int {
        switch self {
        case .github(let github):
            try await github.addComment(to: number, author: Self.commenter, body: body, owner: Self.owner, name: name)
        case .gitlab(let gitlab):
            try await gitlab.addNote(
                to: number, author: Self.commenter, body: body, project: "\(Self.owner)/\(name)")
        }
    }

    /// The reactions (GitHub) or award emoji (GitLab) the comment got.
    func reactions(on id: Int, in name: String) async -> [String] {
        switch self {
        case .github(let github):
            await github.comments(owner: Self.owner, name: name).first { $0.id == id }?.reactions.map(\.content) ?? []
        case .gitlab(let gitlab):
            await gitlab.notes(project: "\(Self.owner)/\(name)").first { $0.id == id }?.awards.map(\.name) ?? []
        }
    }

    /// Path, headers and body of the delivery announcing comment `id` on request `number`.
    func delivery(comment id: Int, on number: Int, in name: String) -> (String, [(String, String)], Data) {
        let web = "\(baseURL)/\(Self.owner)/\(name)"
        switch self {
        case .github:
            let body = Data(
                """
                {"action": "created", "issue": {"number": \(number), "pull_request": {"url": "x"}},
                 "comment": {"id": \(id)}, "repository": {"html_url": "\(web)"}}
                """.utf8)
            let key = SymmetricKey(data: Data(Self.githubSecret.utf8))
            let mac = HMAC<SHA256>.authenticationCode(for: body, using: key).map { String(format: "%02x", $0) }
            return (
                "/webhooks/github",
                [
                    ("X-GitHub-Event", "issue_comment"), ("X-GitHub-Delivery", UUID().uuidString),
                    ("X-Hub-Signature-256", "sha256=" + mac.joined()),
                ],
                body
            )
        case .gitlab:
            let body = Data(
                """
                {"object_kind": "note", "object_attributes": {"id": \(id), "noteable_type": "MergeRequest"},
                 "merge_request": {"iid": \(number)}, "project": {"web_url": "\(web)"}}
                """.utf8)
            return (
                "/webhooks/gitlab", [("X-Gitlab-Event", "Note Hook"), ("X-Gitlab-Token", Self.gitlabToken)], body
            )
        }
    }
}
