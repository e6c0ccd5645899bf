/// Why a reconcile runs, and how much of the fleet it concerns.
///
/// The server only decides *when* work runs; what a trigger means for the Applications is the
/// ``ReconcileWorker``'s business (a comment trigger may answer that comment first, an image
/// trigger re-checks only the Applications that use the image).
public enum ReconcileTrigger: Sendable, Hashable, CustomStringConvertible {
    /// The interval timer (the first one fires when the service starts).
    case scheduled
    /// `POST /trigger` without a target.
    case manual
    /// Something changed in a git repository (push, pull request closed or merged).
    case repository(url: String)
    /// A new image was pushed; `repository` is `host/path` (for Docker Hub, `docker.io/path`).
    case image(repository: String)
    /// A comment was left on pull request (GitHub) or merge request (GitLab) `number`.
    case comment(repositoryURL: String, number: Int, commentID: Int)

    /// The lock and coalescing key: runs with the same scope never overlap and merge while queued.
    public var scope: Scope {
        switch self {
        case .scheduled, .manual: .everything
        case .repository(let url), .comment(let url, _, _): .repository(RepositoryKey(url))
        case .image(let repository): .image(repository.lowercased())
        }
    }

    /// What a reconcile is about, for locking: one repository, or (possibly) all of them.
    public enum Scope: Sendable, Hashable, CustomStringConvertible {
        /// Every repository.
        case everything
        /// One git repository.
        case repository(RepositoryKey)
        /// The Applications using an image; which repositories they live in is unknown up front,
        /// so an image run is exclusive like a full run.
        case image(String)

        /// True when a run with this scope may touch any repository.
        public var isGlobal: Bool {
            if case .repository = self { return false }
            return true
        }

        /// True when runs with these scopes must not run at the same time.
        func conflicts(with other: Scope) -> Bool {
            isGlobal || other.isGlobal || self == other
        }

        public var description: String {
            switch self {
            case .everything: "everything"
            case .repository(let key): "repository \(key)"
            case .image(let repository): "image \(repository)"
            }
        }
    }

    /// Two queued triggers with the same scope become one run: the broader of the two.
    func merged(with other: ReconcileTrigger) -> ReconcileTrigger {
        guard self != other, scope == other.scope else { return self }
        switch (self, other) {
        case (.manual, _), (_, .manual): return .manual
        case (.repository, _): return self
        case (_, .repository): return other
        case (.comment(let url, _, _), _):
            // A repository run reads every pending command, so two comments need one run.
            return .repository(url: url)
        default: return self
        }
    }

    public var description: String {
        switch self {
        case .scheduled: "scheduled"
        case .manual: "manual"
        case .repository(let url): "repository \(url)"
        case .image(let repository): "image \(repository)"
        case .comment(let url, let number, let commentID): "comment \(commentID) on \(url) #\(number)"
        }
    }
}
