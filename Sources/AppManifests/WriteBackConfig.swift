/// Where and how an Application's updates are written (`write-back-*`, `git-*` annotations or `writeBackConfig`).
public struct WriteBackConfig: Sendable, Equatable {
    /// Git credentials named by `write-back-method` (`git`, `git:repocreds`, `git:secret:<ns>/<name>`).
    public enum Credentials: Sendable, Equatable {
        case repositoryCredentials
        case secret(namespace: String, name: String)
    }

    public var credentials: Credentials
    /// The file written, relative to the target repository root.
    public var target: WriteTarget
    /// `git-repository`: the repository written to instead of the source's `repoURL`.
    public var gitRepository: String?
    /// Base branch from `git-branch` (`base` or `base:target`); nil means the source's `targetRevision`.
    public var baseBranch: String?
    /// The `target` half of `git-branch: base:target`, as written (it may be a template).
    public var writeBranch: String?

    public init(
        credentials: Credentials = .repositoryCredentials,
        target: WriteTarget,
        gitRepository: String? = nil,
        baseBranch: String? = nil,
        writeBranch: String? = nil
    ) {
        self.credentials = credentials
        self.target = target
        self.gitRepository = gitRepository
        self.baseBranch = baseBranch
        self.writeBranch = writeBranch
    }
}
