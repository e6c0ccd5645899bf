/// One API request after routing: the project it names and its decoded parts.
struct FakeGitLabRequest: Sendable {
    let route: FakeGitLabRoute
    /// nil for routes outside a project (`/user`, `/users`).
    let project: FakeProjectRecord?
    let parameters: [String: String]
    let query: [String: String]
    let body: JSONValue?
    /// Raw path below `/api/v4`, e.g. `/projects/group%2Fproject/merge_requests`.
    let apiPath: String
    /// Who the token belongs to.
    let caller: FakeGitLabUser

    var key: String { FakeGitLabStore.key(project?.path ?? "") }

    func number(_ name: String) -> Int? { parameters[name].flatMap { Int($0) } }

    func string(_ name: String) -> String? { body?[name]?.stringValue }

    /// A comma-separated list attribute (`labels`, `add_labels`); GitLab also takes an array.
    func list(_ name: String) -> [String]? {
        if let text = body?[name]?.stringValue {
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return body?[name]?.arrayValue?.compactMap(\.stringValue)
    }

    /// An id list attribute (`assignee_ids`, `reviewer_ids`); `0` clears it.
    func ids(_ name: String) -> [Int]? {
        body?[name]?.arrayValue.map { $0.compactMap(\.intValue).filter { $0 != 0 } }
    }
}
