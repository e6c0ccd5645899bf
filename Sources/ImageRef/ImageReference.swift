/// A fully qualified, validated container image reference: `registry/repository[:tag][@digest]`.
///
/// Parsing applies Docker's normalisation: `nginx` is `docker.io/library/nginx`, `user/app` is
/// `docker.io/user/app`, and `index.docker.io` is `docker.io`. The first path component is a registry
/// host when it contains `.` or `:`, is `localhost`, or has uppercase letters.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// Registry host with optional port, e.g. `docker.io`, `ghcr.io`, `127.0.0.1:5000`.
    public let registry: String
    /// Repository path inside the registry, e.g. `library/nginx`.
    public let repository: String
    /// Tag, if the reference has one.
    public let tag: String?
    /// Digest (`sha256:…`), if the reference has one.
    public let digest: String?

    /// Longest accepted reference text.
    static let maximumLength = 1024

    /// Parses and normalises a reference such as `nginx`, `ghcr.io/org/app:1.2` or `app@sha256:…`.
    public init(parsing text: String) throws(ImageReferenceError) {
        try RepositoryName.precheck(text, limit: Self.maximumLength, allowSpaces: false)
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var tag: String?
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].firstIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        let name = try RepositoryName(parsing: rest, input: text)
        try self.init(validating: name, tag: tag, digest: digest, input: text)
    }

    /// Builds a reference from parts that are already split; every part is validated.
    public init(
        registry: String, repository: String, tag: String? = nil, digest: String? = nil
    )
        throws(ImageReferenceError)
    {
        var shown = registry + "/" + repository
        if let tag { shown += ":" + tag }
        if let digest { shown += "@" + digest }
        let name = try RepositoryName(registry: registry, repository: repository, input: shown)
        try self.init(validating: name, tag: tag, digest: digest, input: shown)
    }

    private init(
        validating name: RepositoryName, tag: String?, digest: String?, input: String
    )
        throws(ImageReferenceError)
    {
        if let tag {
            guard !tag.isEmpty else { throw .emptyTag(input) }
            guard OCIGrammar.isValidTag(tag) else { throw .invalidTag(input, tag) }
        }
        if let digest { try RepositoryName.validate(digest: digest, input: input) }
        self.registry = name.registry
        self.repository = name.repository
        self.tag = tag
        self.digest = digest
    }

    /// `registry/repository`, without tag or digest.
    public var name: String { registry + "/" + repository }

    /// The host the distribution API is spoken to: Docker Hub's API lives at `registry-1.docker.io`.
    public var apiHost: String { registry == RepositoryName.dockerHub ? "registry-1.docker.io" : registry }

    /// The canonical form, `registry/repository[:tag][@digest]`.
    public var description: String {
        var text = name
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest }
        return text
    }

    /// The same image with another tag (and no digest, since the digest belonged to the old tag).
    public func withTag(_ tag: String) throws(ImageReferenceError) -> ImageReference {
        try ImageReference(registry: registry, repository: repository, tag: tag)
    }

    /// The same image and tag pinned to `digest`.
    public func withDigest(_ digest: String) throws(ImageReferenceError) -> ImageReference {
        try ImageReference(registry: registry, repository: repository, tag: tag, digest: digest)
    }
}
