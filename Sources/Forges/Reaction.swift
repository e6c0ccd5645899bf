/// How the bot acknowledges a comment command.
public enum Reaction: String, Sendable, Hashable, CaseIterable {
    /// The command was carried out.
    case done
    /// The command was refused (unauthorized or malformed); a reply says why.
    case refused

    /// GitHub reaction `content`.
    public var gitHubContent: String {
        switch self {
        case .done: "+1"
        case .refused: "-1"
        }
    }

    /// GitLab award emoji name.
    public var gitLabEmoji: String {
        switch self {
        case .done: "thumbsup"
        case .refused: "thumbsdown"
        }
    }
}
