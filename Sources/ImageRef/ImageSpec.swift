/// An `image-list` entry without alias: `[registry/]repo[:tag-or-constraint][@digest]`.
///
/// Unlike ``ImageReference`` the part after `:` is not validated as a tag, because for the semver
/// strategy it is a constraint such as `~1.20`, `>=1.2 <2` or `1.x || 2.x`. It is split at the first
/// `:` after the last `/`, so a registry port is never mistaken for it.
public struct ImageSpec: Sendable, Hashable, CustomStringConvertible {
    /// The image without tag, with the digest when one was given.
    public let reference: ImageReference
    /// The raw text after `:` — a tag or a version constraint — or nil when absent.
    public let tagOrConstraint: String?

    /// Longest accepted constraint text.
    static let maximumConstraintLength = 512

    /// Parses an entry such as `nginx:~1.20` or `ghcr.io/org/app:>=1.2 <2`.
    public init(parsing text: String) throws(ImageReferenceError) {
        try RepositoryName.precheck(
            text,
            limit: ImageReference.maximumLength + Self.maximumConstraintLength,
            allowSpaces: true
        )
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var constraint: String?
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].firstIndex(of: ":") {
            let value = rest[rest.index(after: colon)...].trimmingSpaces()
            guard !value.isEmpty else { throw .emptyTag(text) }
            guard value.utf8.count <= Self.maximumConstraintLength else {
                throw .tooLong(text, limit: Self.maximumConstraintLength)
            }
            constraint = value
            rest = rest[..<colon]
        }
        if rest.contains(" ") { throw .invalidCharacters(text) }
        let name = try RepositoryName(parsing: rest, input: text)
        self.reference = try ImageReference(registry: name.registry, repository: name.repository, digest: digest)
        self.tagOrConstraint = constraint
    }

    /// Registry host, e.g. `docker.io`.
    public var registry: String { reference.registry }
    /// Repository path, e.g. `library/nginx`.
    public var repository: String { reference.repository }
    /// Digest pinned in the entry, if any.
    public var digest: String? { reference.digest }

    /// The tag part when it is a valid OCI tag (for strategies that track one tag), else nil.
    public var tag: String? { tagOrConstraint.flatMap { OCIGrammar.isValidTag($0) ? $0 : nil } }

    /// The canonical form, `registry/repository[:tag-or-constraint][@digest]`.
    public var description: String {
        var text = reference.name
        if let tagOrConstraint { text += ":" + tagOrConstraint }
        if let digest { text += "@" + digest }
        return text
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
