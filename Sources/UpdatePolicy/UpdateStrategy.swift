/// How the newest allowed tag of an image is found, as Argo CD Image Updater defines it.
public enum UpdateStrategy: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Highest semantic version satisfying the constraint (the default).
    case semver
    /// Most recently built image, by the creation date in its config.
    case newestBuild = "newest-build"
    /// Lexically greatest tag name.
    case alphabetical
    /// The digest one mutable tag currently points to.
    case digest

    /// Parses an `update-strategy` value the way Image Updater does: case-insensitively, and with
    /// the deprecated aliases `latest` (newest-build) and `name` (alphabetical). Unlike Image
    /// Updater, which silently falls back to semver, an unknown name is an error.
    public init(parsing name: String) throws(PolicyError) {
        switch name.lowercased() {
        case "semver": self = .semver
        case "newest-build", "latest": self = .newestBuild
        case "alphabetical", "name": self = .alphabetical
        case "digest": self = .digest
        default: throw .unknownStrategy(name)
        }
    }

    /// The canonical spelling, e.g. `newest-build`.
    public var description: String { rawValue }
}
