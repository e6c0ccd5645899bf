/// A whole new file text for a path relative to the target repository root.
public struct FileChange: Sendable, Equatable {
    public var path: String
    public var content: String

    public init(path: String, content: String) {
        self.path = path
        self.content = content
    }
}
