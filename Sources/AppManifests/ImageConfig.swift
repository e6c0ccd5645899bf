/// One image an Application follows, with its effective Image Updater settings (per-image over global).
///
/// Strategy, allow-tags and the constraint stay strings: the policy module validates them.
public struct ImageConfig: Sendable, Equatable {
    /// Where the image is written among Helm parameters (`<alias>.helm.*`).
    public struct HelmTarget: Sendable, Equatable {
        public var imageName: String?
        public var imageTag: String?
        public var imageSpec: String?

        public init(imageName: String? = nil, imageTag: String? = nil, imageSpec: String? = nil) {
            self.imageName = imageName
            self.imageTag = imageTag
            self.imageSpec = imageSpec
        }

        /// The parameter names Image Updater writes: the spec alone, else name and tag (defaults
        /// `image.name` / `image.tag`).
        public var parameterNames: (name: String, tag: String?) {
            if let imageSpec { return (imageSpec, nil) }
            return (imageName ?? "image.name", imageTag ?? "image.tag")
        }
    }

    /// The alias from `image-list`, or the image name when the entry has none (as Image Updater keys it).
    public var alias: String
    /// Whether `image-list` gave an explicit `alias=`.
    public var hasExplicitAlias: Bool
    /// The entry as written after `alias=`: `[registry/]repo[:constraint][@digest]`.
    public var image: String
    /// The image without tag, constraint or digest, e.g. `lyzhang1999/frontend`.
    public var imageName: String
    /// The tag part of the entry: a semver constraint, or the tag to track for `digest`.
    public var constraint: String?
    public var digest: String?
    public var updateStrategy: String?
    public var allowTags: String?
    public var ignoreTags: [String]
    public var platforms: [String]
    public var pullSecret: String?
    public var forceUpdate: Bool
    public var helm: HelmTarget
    /// `<alias>.kustomize.image-name`: the name the kustomization knows the image by.
    public var kustomizeImageName: String?

    public init(
        alias: String,
        hasExplicitAlias: Bool = true,
        image: String,
        imageName: String,
        constraint: String? = nil,
        digest: String? = nil,
        updateStrategy: String? = nil,
        allowTags: String? = nil,
        ignoreTags: [String] = [],
        platforms: [String] = [],
        pullSecret: String? = nil,
        forceUpdate: Bool = false,
        helm: HelmTarget = HelmTarget(),
        kustomizeImageName: String? = nil
    ) {
        self.alias = alias
        self.hasExplicitAlias = hasExplicitAlias
        self.image = image
        self.imageName = imageName
        self.constraint = constraint
        self.digest = digest
        self.updateStrategy = updateStrategy
        self.allowTags = allowTags
        self.ignoreTags = ignoreTags
        self.platforms = platforms
        self.pullSecret = pullSecret
        self.forceUpdate = forceUpdate
        self.helm = helm
        self.kustomizeImageName = kustomizeImageName
    }
}
