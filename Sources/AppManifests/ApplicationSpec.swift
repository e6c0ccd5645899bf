/// An Argo CD Application that asks for image updates, with everything the bot needs to plan for it.
public struct ApplicationSpec: Sendable, Equatable {
    /// Where the image settings came from.
    public enum ConfigOrigin: Sendable, Equatable {
        /// `argocd-image-updater.argoproj.io/*` annotations on the Application.
        case annotations
        /// An `ImageUpdater` resource (named, at a location) selected this Application.
        case imageUpdater(name: String, location: ManifestLocation)
    }

    public var name: String
    /// `metadata.namespace`; nil when the manifest does not say (Argo CD's namespace is assumed).
    public var namespace: String?
    public var labels: [String: String]
    /// The manifest file and the line of its `kind:` document start.
    public var location: ManifestLocation
    /// `spec.source` as a one-element list, or `spec.sources`.
    public var sources: [ApplicationSource]
    public var isMultiSource: Bool
    /// Index in `sources` of the source images are written for (Image Updater's choice, see `ManifestScanner`).
    public var primarySourceIndex: Int
    public var images: [ImageConfig]
    public var writeBack: WriteBackConfig
    public var origin: ConfigOrigin

    public init(
        name: String,
        namespace: String?,
        labels: [String: String] = [:],
        location: ManifestLocation,
        sources: [ApplicationSource],
        isMultiSource: Bool = false,
        primarySourceIndex: Int = 0,
        images: [ImageConfig],
        writeBack: WriteBackConfig,
        origin: ConfigOrigin = .annotations
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.location = location
        self.sources = sources
        self.isMultiSource = isMultiSource
        self.primarySourceIndex = primarySourceIndex
        self.images = images
        self.writeBack = writeBack
        self.origin = origin
    }

    /// The source the override file belongs to.
    public var primarySource: ApplicationSource { sources[primarySourceIndex] }

    /// The repository written to: `git-repository` when given, else the primary source's `repoURL`.
    public var targetRepoURL: String { writeBack.gitRepository ?? primarySource.repoURL }

    /// The branch a pull request targets: `git-branch`'s base, else the `targetRevision` of the source whose
    /// `repoURL` is the target repository (as Image Updater chooses), else the primary source's.
    public var baseBranch: String? {
        if let base = writeBack.baseBranch { return base }
        if let repository = writeBack.gitRepository, isMultiSource,
            let source = sources.first(where: { $0.repoURL == repository })
        {
            return source.targetRevision
        }
        return primarySource.targetRevision
    }

    /// The image settings for an alias.
    public func image(alias: String) -> ImageConfig? {
        images.first { $0.alias == alias }
    }

    /// Image Updater's override file name: `.argocd-source-<app>.yaml`, or `.argocd-source-<namespace>_<app>.yaml`
    /// when the Application lives outside Argo CD's own namespace.
    public static func overrideFileName(name: String, namespace: String?, argocdNamespace: String) -> String {
        if let namespace, !namespace.isEmpty, namespace != argocdNamespace {
            return ".argocd-source-\(namespace)_\(name).yaml"
        }
        return ".argocd-source-\(name).yaml"
    }
}
