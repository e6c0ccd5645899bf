import Foundation

/// The fields of GitLab's JSON answers the bot reads; everything else (and every newer field) is ignored.
enum GitLabPayloads {
    struct User: Decodable {
        let id: Int
        let username: String
    }

    struct MergeRequest: Decodable {
        let iid: Int
        let title: String
        let description: String?
        let state: String
        let source_branch: String
        let target_branch: String
        let source_project_id: Int?
        let target_project_id: Int?
        let author: User?
        let assignees: [User]?
        let reviewers: [User]?
        let labels: [String]?
        let draft: Bool?
        let work_in_progress: Bool?
        let sha: String?
        let web_url: String
        let updated_at: Date
        /// Notes written by people (not system notes); nil when the server leaves it out.
        let user_notes_count: Int?

        var isDraft: Bool { draft ?? work_in_progress ?? false }

        var pullRequest: PullRequest {
            let mapped: PullRequestState =
                switch state {
                case "merged": .merged
                case "closed": .closed
                // `locked` is an open merge request in the middle of being merged.
                default: .open
                }
            return PullRequest(
                number: iid, state: mapped, title: isDraft ? DraftTitle.removingMarker(title) : title,
                body: description ?? "", headBranch: source_branch, headSHA: sha ?? "", baseBranch: target_branch,
                labels: labels ?? [], url: web_url, author: author?.username ?? "", updatedAt: updated_at,
                peopleNotes: user_notes_count)
        }
    }

    struct Note: Decodable {
        let id: Int
        let body: String?
        let author: User?
        let created_at: Date
        let updated_at: Date
        let system: Bool?
        let noteable_iid: Int?
    }

    struct Member: Decodable {
        let id: Int
        let access_level: Int
        let state: String?
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
            }
            return date
        }
        return try decoder.decode(type, from: data)
    }

    /// GitLab writes `2024-05-01T10:00:00.123Z` (milliseconds) and self-managed instances may use an offset.
    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    static func encode(_ object: [String: Any]) -> Data {
        // Only strings, integers, booleans and integer arrays are passed in, which always serialize.
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
