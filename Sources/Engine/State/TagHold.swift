/// One image tag held back or fixed for an Application: a declined version, a skip or a pin.
public struct TagHold: Sendable, Hashable, Codable {
    /// The image-list alias.
    public var alias: String
    public var tag: String
    /// The pull request the hold came from (the one closed unmerged, or the one commented on), if any.
    public var pullRequest: Int?

    public init(alias: String, tag: String, pullRequest: Int? = nil) {
        self.alias = alias
        self.tag = tag
        self.pullRequest = pullRequest
    }
}
