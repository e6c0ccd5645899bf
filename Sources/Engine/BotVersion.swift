/// The version of argocd-image-pr itself.
public enum BotVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
