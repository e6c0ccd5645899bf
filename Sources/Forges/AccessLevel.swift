/// What a user may do in a repository, on a scale both forges map onto.
///
/// GitHub collaborator permissions `read`/`triage`, `write`, `maintain`, `admin`; GitLab access levels
/// 10–20, 30 (Developer), 40 (Maintainer), 50 (Owner).
public enum AccessLevel: Int, Sendable, Hashable, Comparable, CaseIterable {
    case none = 0
    case read = 1
    case write = 2
    case maintain = 3
    case admin = 4

    /// Whether comment commands from this user are obeyed.
    public var canWrite: Bool { self >= .write }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// GitHub's `permission` (or `role_name`) of the collaborator-permission endpoint.
    public init(gitHubPermission: String) {
        switch gitHubPermission.lowercased() {
        case "admin": self = .admin
        case "maintain": self = .maintain
        case "write", "push": self = .write
        case "read", "triage", "pull": self = .read
        default: self = .none
        }
    }

    /// GitLab's numeric `access_level`.
    public init(gitLabAccessLevel level: Int) {
        switch level {
        case 50...: self = .admin
        case 40..<50: self = .maintain
        case 30..<40: self = .write
        case 1..<30: self = .read
        default: self = .none
        }
    }
}
