/// One request the fake GitLab answered, for assertions such as "no write calls" or "one list call".
public struct FakeGitLabCall: Sendable, CustomStringConvertible {
    public let method: String
    /// Raw path without the query, instance prefix included (project paths stay URL-encoded), e.g.
    /// `/gitlab/api/v4/projects/group%2Fproject/merge_requests`.
    public let path: String
    public let query: [String: String]
    public let body: String?
    public let status: Int
    /// The documented route (`POST /projects/:id/merge_requests`), `git` for smart HTTP, or empty when unknown.
    public let route: String
    /// Headers as sent, names lower-cased (authentication headers included, so tests can check them).
    public let headers: [String: String]

    /// Whether the call changes something (any API method but GET/HEAD; git pushes are not counted).
    public var isWrite: Bool { route != "git" && method != "GET" && method != "HEAD" }

    public var description: String {
        let queryText =
            query.isEmpty ? "" : "?" + query.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: "&")
        return "\(method) \(path)\(queryText) → \(status)"
    }
}
