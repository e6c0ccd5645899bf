import TagMatching

/// Everything that decides which tag one image moves to, as plain values.
public struct ImagePolicy: Sendable {
    /// The update strategy; `semver` unless the annotation says otherwise.
    public var strategy: UpdateStrategy
    /// The tag part of the image-list entry. For `semver` it is the version constraint (nil or
    /// empty: any release); for `digest` it is the tag to follow (nil or empty: `latest`); the
    /// other strategies ignore it, as Argo CD Image Updater does.
    public var constraint: String?
    /// `allow-tags` and `ignore-tags`.
    public var filter: TagFilter
    /// A tag held by `/pin`; when set, it is the answer as long as the registry still has it.
    public var pinnedTag: String?
    /// Tags declined by `/skip` or a closed pull request; never candidates.
    public var skippedTags: Set<String>

    public init(
        strategy: UpdateStrategy = .semver,
        constraint: String? = nil,
        filter: TagFilter = .all,
        pinnedTag: String? = nil,
        skippedTags: Set<String> = []
    ) {
        self.strategy = strategy
        self.constraint = constraint
        self.filter = filter
        self.pinnedTag = pinnedTag
        self.skippedTags = skippedTags
    }

    /// The constraint `semver` applies: empty means `*`, i.e. any release (Image Updater's rule).
    public func versionConstraint() throws(PolicyError) -> VersionConstraint {
        guard let constraint, !constraint.isEmpty else { return .anyRelease }
        return try VersionConstraint(constraint)
    }

    /// The tag `digest` follows.
    public var trackedTag: String {
        guard let constraint, !constraint.isEmpty else { return "latest" }
        return constraint
    }
}
