/// The combined `allow-tags` and `ignore-tags` filter for one image.
///
/// A tag is a candidate when `allow-tags` allows it and no `ignore-tags` glob matches it, the same
/// test Argo CD Image Updater applies before any strategy sorts the tags.
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
    ///   - allowTags: the `allow-tags` value, or `nil` when absent (every tag allowed).
    ///   - ignoreTags: `ignore-tags` values. Each is split on `,` and each piece trimmed, as Image
    ///     Updater reads the annotation; an empty piece is kept and only matches an empty tag.
    /// - Throws: `TagMatchingError` for an invalid `allow-tags` value or a malformed glob.
    public init(allowTags: String?, ignoreTags: [String]) throws(TagMatchingError) {
        var allow = AllowTags.any
        if let allowTags { allow = try AllowTags(parsing: allowTags) }
        var globs: [TagGlob] = []
        for entry in ignoreTags {
            for piece in entry.split(separator: ",", omittingEmptySubsequences: false) {
                globs.append(try TagGlob(String(piece).trimmingGoSpace()))
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
