/// Why the fake GitLab could not be set up or driven as a test asked.
public struct FakeGitLabError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = "fake GitLab: " + description
    }
}
