/// Why the fake GitHub could not be set up or driven as a test asked.
public struct FakeGitHubError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = "fake GitHub: " + description
    }
}
