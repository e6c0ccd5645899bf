/// Bounds applied to every YAML file the module reads, so hostile input cannot hang or exhaust the bot.
public struct YAMLLimits: Sendable, Equatable {
    /// Files larger than this many bytes are refused unread.
    public var maxFileSize: Int
    /// Deepest nesting of mappings and sequences accepted.
    public var maxDepth: Int
    /// Most nodes that alias expansion may add to a file (the "billion laughs" guard).
    public var maxAliasNodes: Int

    public init(maxFileSize: Int = 16 << 20, maxDepth: Int = 256, maxAliasNodes: Int = 10_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
    }

    /// The limits DESIGN.md names: 16 MiB, 256 levels, 10,000 alias nodes.
    public static let `default` = YAMLLimits()
}
