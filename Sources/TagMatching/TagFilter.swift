/// The combined `allow-tags` and `ignore-tags` filter for one image.
public struct TagFilter: Sendable {
    /// Allows every tag and ignores none.
    public static let all = TagFilter(allow: .any, ignore: [])

    private let allow: AllowTags
    private let ignore: [TagGlob]

    private init(allow: AllowTags, ignore: [TagGlob]) {
        self.allow = allow
        self.ignore = ignore
    }

    /// Builds the filter from annotation values.
    ///
    /// - Parameters:
    ///   - allowTags: the `allow-tags` value, or `nil` when absent.
    ///   - ignoreTags: `ignore-tags` values; each may be a comma-separated list of globs.
    public init(allowTags: String?, ignoreTags: [String]) throws(TagMatchingError) {
        let allow = try allowTags.map { value throws(TagMatchingError) in try AllowTags(parsing: value) } ?? .any
        var globs: [TagGlob] = []
        for entry in ignoreTags {
            for piece in entry.split(separator: ",") {
                globs.append(try TagGlob(String(piece)))
            }
        }
        self.init(allow: allow, ignore: globs)
    }

    /// Whether `tag` is allowed by `allow-tags` and not matched by any `ignore-tags` glob.
    public func allows(_ tag: String) -> Bool {
        allow.allows(tag) && !isIgnored(tag)
    }

    /// Whether any `ignore-tags` glob matches `tag`.
    public func isIgnored(_ tag: String) -> Bool {
        ignore.contains { $0.matches(tag) }
    }
}
