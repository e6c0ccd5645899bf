/// One `spec.source` (or one entry of `spec.sources`) of an Argo CD Application.
public struct ApplicationSource: Sendable, Equatable {
    /// The `helm:` block of a source.
    public struct Helm: Sendable, Equatable {
        public var valueFiles: [String]
        public var parameters: [HelmParameter]
        public var releaseName: String?

        public init(valueFiles: [String] = [], parameters: [HelmParameter] = [], releaseName: String? = nil) {
            self.valueFiles = valueFiles
            self.parameters = parameters
            self.releaseName = releaseName
        }
    }

    /// The `kustomize:` block of a source.
    public struct Kustomize: Sendable, Equatable {
        /// `images:` entries in Argo CD's `[name=]newName[:tag][@digest]` form.
        public var images: [String]

        public init(images: [String] = []) {
            self.images = images
        }
    }

    public var repoURL: String
    /// Directory inside the repository, normalized (`.` for the root); nil for Helm-repository charts.
    public var path: String?
    public var targetRevision: String?
    public var chart: String?
    /// `ref:` of a multi-source entry (used by `$ref/...` value files).
    public var ref: String?
    /// `name:` of a multi-source entry.
    public var name: String?
    public var helm: Helm?
    public var kustomize: Kustomize?
    public var hasPlugin: Bool

    public init(
        repoURL: String,
        path: String? = nil,
        targetRevision: String? = nil,
        chart: String? = nil,
        ref: String? = nil,
        name: String? = nil,
        helm: Helm? = nil,
        kustomize: Kustomize? = nil,
        hasPlugin: Bool = false
    ) {
        self.repoURL = repoURL
        self.path = path
        self.targetRevision = targetRevision
        self.chart = chart
        self.ref = ref
        self.name = name
        self.helm = helm
        self.kustomize = kustomize
        self.hasPlugin = hasPlugin
    }
}
