/// What `run` would do for one Application.
public struct ApplicationPlan: Sendable, Equatable {
    public var name: String
    /// `path:line` of the manifest that declared the Application.
    public var manifest: String
    public var target: PlanTarget?
    public var changes: [ImageChange]
    public var files: [FileChange]
    /// One line each; an Application with errors proposes nothing for the failed images.
    public var errors: [String]
    /// Warnings worth showing (e.g. a pull secret that cannot be read outside a cluster).
    public var warnings: [String]

    public init(
        name: String, manifest: String, target: PlanTarget?, changes: [ImageChange] = [], files: [FileChange] = [],
        errors: [String] = [], warnings: [String] = []
    ) {
        self.name = name
        self.manifest = manifest
        self.target = target
        self.changes = changes
        self.files = files
        self.errors = errors
        self.warnings = warnings
    }
}
