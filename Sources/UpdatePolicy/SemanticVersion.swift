/// A version parsed from an image tag the way Masterminds/semver v3 `NewVersion` parses it
/// (the lenient parser Argo CD Image Updater uses): an optional leading `v`, short forms such as
/// `1` and `1.2`, numeric segments that may carry leading zeros, an optional prerelease and
/// optional build metadata.
///
/// Equality and ordering follow semantic-version precedence: build metadata and the `v` prefix
/// are ignored, so `v1.2.3` and `1.2.3+build.7` are equal. The tag as written is kept in
/// ``original``.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: UInt64
    public let minor: UInt64
    public let patch: UInt64
    /// Dot-separated prerelease identifiers without the leading `-`; empty for a release.
    public let prerelease: String
    /// Build metadata without the leading `+`; empty when absent.
    public let buildMetadata: String
    /// The text the version was parsed from, e.g. the tag `v1.2`.
    public let original: String

    /// Parses `text` leniently; `nil` when it is not a version (most tags, such as `main-b99bc73`).
    public init?(_ text: String) {
        var scanner = VersionScanner(text)
        guard let parsed = scanner.scan() else { return nil }
        self = parsed
    }

    init(
        major: UInt64, minor: UInt64, patch: UInt64, prerelease: String, buildMetadata: String, original: String
    ) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.buildMetadata = buildMetadata
        self.original = original
    }

    /// Whether the version carries a prerelease, e.g. `1.2.3-rc.1`.
    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// The normalized form `major.minor.patch[-prerelease][+metadata]`, without any `v`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-\(prerelease)" }
        if !buildMetadata.isEmpty { text += "+\(buildMetadata)" }
        return text
    }

    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch
            && lhs.prerelease == rhs.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.compare(to: rhs) < 0
    }

    /// -1, 0 or 1 by semantic-version precedence.
    func compare(to other: SemanticVersion) -> Int {
        if major != other.major { return major < other.major ? -1 : 1 }
        if minor != other.minor { return minor < other.minor ? -1 : 1 }
        if patch != other.patch { return patch < other.patch ? -1 : 1 }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): return PrereleaseOrder.compare(prerelease, other.prerelease)
        }
    }
}
