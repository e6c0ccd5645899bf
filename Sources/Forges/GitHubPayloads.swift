import Foundation

/// The fields of GitHub's JSON answers the bot reads; everything else (and every newer field) is ignored.
enum GitHubPayloads {
    struct User: Decodable {
        let login: String
    }

    struct Label: Decodable {
        let name: String
    }

    struct Repository: Decodable {
        let full_name: String
    }

    struct Branch: Decodable {
        let ref: String
        let sha: String
        let repo: Repository?
    }

    struct Pull: Decodable {
        let number: Int
        let state: String
        let title: String
        let body: String?
        let html_url: String
        let user: User?
        let labels: [Label]
        let head: Branch
        let base: Branch
        let merged_at: String?

        var pullRequest: PullRequest {
            let mapped: PullRequestState = state == "open" ? .open : (merged_at == nil ? .closed : .merged)
            return PullRequest(
                number: number, state: mapped, title: title, body: body ?? "", headBranch: head.ref,
                headSHA: head.sha, baseBranch: base.ref, labels: labels.map(\.name), url: html_url,
                author: user?.login ?? "")
        }
    }

    struct Comment: Decodable {
        let id: Int
        let body: String?
        let user: User?
        let html_url: String
        let issue_url: String
        let created_at: Date
        let updated_at: Date

        var comment: ForgeComment? {
            guard let number = issue_url.split(separator: "/").last.flatMap({ Int($0) }) else { return nil }
            return ForgeComment(
                id: id, pullRequestNumber: number, author: user?.login ?? "", body: body ?? "", createdAt: created_at,
                updatedAt: updated_at, url: html_url)
        }
    }

    struct Permission: Decodable {
        let permission: String
        let role_name: String?
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: data)
    }

    static func encode(_ object: [String: Any]) -> Data {
        // Only strings, booleans and string arrays are passed in, which always serialize.
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
