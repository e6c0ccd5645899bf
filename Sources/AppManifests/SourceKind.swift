/// How Argo CD renders a source, which decides the shape of the override file.
public enum SourceKind: String, Sendable, Equatable {
    case helm
    case kustomize
    /// Plain manifests or a plugin: Image Updater writes Helm-style parameters for these.
    case directory
}
