/// One request the fake GitHub answered, for assertions such as "no write calls" or "one list call".
public struct FakeGitHubCall: Sendable, CustomStringConvertible {
    public let method: String
    /// Path without the query, e.g. `/repos/octo/demo/pulls`; git smart HTTP paths start with `/<owner>/`.
    public let path: String
    public let query: [String: String]
    public let body: String?
    public let status: Int
    /// The matched OpenAPI operation (`pulls/list`), or `git` for smart HTTP, or empty when unknown.
    public let operationID: String

    /// Whether the call changes something on GitHub (any API method but GET/HEAD; git pushes are not counted).
    public var isWrite: Bool { operationID != "git" && method != "GET" && method != "HEAD" }

    public var description: String {
        let queryText =
            query.isEmpty ? "" : "?" + query.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: "&")
        return "\(method) \(path)\(queryText) → \(status)"
    }
}
