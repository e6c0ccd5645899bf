/// What an Application runs now for one alias, and where that was read.
public struct CurrentImage: Sendable, Equatable {
    /// Where the current image was found, in the order they are consulted.
    public enum Source: Sendable, Equatable {
        /// The existing override file (path relative to the target repository root).
        case overrideFile(String)
        /// `spec.source.helm.parameters` or `spec.source.kustomize.images` in the Application.
        case applicationSpec
        /// A Helm values file (path relative to the target repository root).
        case helmValues(String)
        /// A kustomization's `images:` (path relative to the target repository root).
        case kustomization(String)
        /// The tag written in `image-list` (for `semver`, a constraint rather than a tag).
        case imageList
    }

    public var alias: String
    public var imageName: String
    /// nil when nothing names a tag.
    public var tag: String?
    public var digest: String?
    public var source: Source

    public init(alias: String, imageName: String, tag: String?, digest: String? = nil, source: Source) {
        self.alias = alias
        self.imageName = imageName
        self.tag = tag
        self.digest = digest
        self.source = source
    }
}
