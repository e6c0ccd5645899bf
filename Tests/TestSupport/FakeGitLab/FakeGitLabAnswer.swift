import Foundation

/// What the fake GitLab answers to one API request: JSON, or plain text as GitLab's throttle answers.
struct FakeGitLabAnswer: Sendable {
    var status: Int
    var headers: [String: String] = [:]
    var body: Data
    var contentType = "application/json"

    init(status: Int, headers: [String: String] = [:], json: JSONValue? = nil) {
        self.status = status
        self.headers = headers
        self.body = json?.data ?? Data()
    }

    init(status: Int, headers: [String: String] = [:], text: String) {
        self.status = status
        self.headers = headers
        self.body = Data(text.utf8)
        self.contentType = "text/plain"
    }

    /// GitLab's error shape: `{"message": "404 Project Not Found"}`.
    static func message(_ status: Int, _ message: String) -> Self {
        Self(status: status, json: .object(["message": .string(message)]))
    }

    static func notFound(_ what: String) -> Self {
        message(404, "404 \(what) Not Found")
    }
}
