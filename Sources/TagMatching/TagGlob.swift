/// A shell-style glob for one `ignore-tags` entry.
public struct TagGlob: Sendable {
    /// The pattern as written by the user.
    public let pattern: String

    /// Parses `pattern`.
    public init(_ pattern: String) throws(TagMatchingError) {
        self.pattern = pattern
    }

    /// Whether `tag` matches the whole pattern.
    public func matches(_ tag: String) -> Bool {
        tag == pattern
    }
}
