/// Which REST dialect a forge speaks.
public enum ForgeKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case github
    case gitlab

    public var description: String {
        switch self {
        case .github: "GitHub"
        case .gitlab: "GitLab"
        }
    }
}
