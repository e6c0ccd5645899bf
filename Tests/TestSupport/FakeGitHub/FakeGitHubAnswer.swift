/// What the fake GitHub answers to one API request.
struct FakeGitHubAnswer: Sendable {
    var status: Int
    var headers: [String: String] = [:]
    var body: JSONValue?
}
