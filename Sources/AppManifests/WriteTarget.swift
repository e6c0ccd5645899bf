/// The file (or kustomization directory) an update is written to.
public struct WriteTarget: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `.argocd-source-<app>.yaml` (or a custom file named by a bare `write-back-target`).
        case overrideFile
        /// `write-back-target: helmvalues[:<file>]`.
        case helmValues
        /// `write-back-target: kustomization[:<dir>]`; `path` is the directory holding the kustomization.
        case kustomization
    }

    public var kind: Kind
    /// Relative to the target repository root, normalized, never escaping it (`.` is the root).
    public var path: String

    public init(kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }
}
