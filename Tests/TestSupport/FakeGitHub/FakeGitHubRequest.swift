/// One API request after routing: the repository it names and its decoded parts.
struct FakeGitHubRequest: Sendable {
    let repository: FakeRepositoryRecord
    let key: String
    let parameters: [String: String]
    let query: [String: String]
    let body: JSONValue?
    let path: String

    func number(_ name: String) -> Int? { parameters[name].flatMap { Int($0) } }
}
