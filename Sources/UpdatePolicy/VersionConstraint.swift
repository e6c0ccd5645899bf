/// A Masterminds/semver v3 constraint such as `~1.2`, `>= 1.2, < 3.0.0 || 4.x` or `2.x-0`.
///
/// Grammar: comparators `=` (or none), `!=`, `>`, `<`, `>=`/`=>`, `<=`/`=<`, `~`/`~>`, `^`;
/// versions in short form (`1`, `1.2`) with an optional `v` and wildcards `x`, `X`, `*` in any
/// segment; hyphen ranges `1.2 - 1.4.5`; AND by whitespace or a comma; OR by `||`.
///
/// Prereleases follow Masterminds v3 exactly: a prerelease version can satisfy an OR-branch only
/// when some comparator in that branch itself names a prerelease (of any version: `>=1.0.0-0`
/// admits `2.0.0-rc.1`). Without one, prereleases never match, so `*` means "any release".
public struct VersionConstraint: Sendable, CustomStringConvertible {
    /// Any release version; the constraint of an image entry without a tag part.
    public static let anyRelease = VersionConstraint(text: "*", groups: [[.anyRelease]])

    /// The constraint as written.
    public let text: String
    private let groups: [Group]

    private struct Group: Sendable {
        let comparators: [Comparator]
        let includesPrerelease: Bool
    }

    /// Parses `text`. Empty text is an error, as in Masterminds (an image without a tag part uses
    /// ``anyRelease``).
    public init(_ text: String) throws(PolicyError) {
        let parsed = try ConstraintParser(text).parse()
        self.init(text: text, groups: parsed)
    }

    private init(text: String, groups: [[Comparator]]) {
        self.text = text
        self.groups = groups.map { comparators in
            Group(comparators: comparators, includesPrerelease: comparators.contains { $0.version.isPrerelease })
        }
    }

    /// Whether `version` satisfies at least one OR-branch.
    public func isSatisfied(by version: SemanticVersion) -> Bool {
        groups.contains { group in
            group.comparators.allSatisfy { $0.isSatisfied(by: version, includePrerelease: group.includesPrerelease) }
        }
    }

    public var description: String { text }
}

extension Comparator {
    /// `*`: version 0.0.0 with every segment free.
    static let anyRelease = Comparator(
        operation: .tildeOrEqual,
        version: SemanticVersion(major: 0, minor: 0, patch: 0, prerelease: "", buildMetadata: "", original: "0.0.0"),
        dirty: true, minorDirty: false, patchDirty: false
    )
}
