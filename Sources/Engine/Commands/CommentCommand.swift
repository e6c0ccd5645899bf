/// One command read from a pull request comment, e.g. `/pin frontend main-b99bc73`.
///
/// Aliases are checked for shape only (the Application decides which exist); tags are valid OCI tags.
public struct CommentCommand: Sendable, Hashable {
    /// What the command asks for.
    public enum Action: Sendable, Hashable {
        /// Hold the image at `tag` (nil: the tag it runs now) until `/unpin`.
        case pin(alias: String, tag: String?)
        case unpin(alias: String)
        /// Never propose `tag` (nil: the tag proposed now).
        case skip(alias: String, tag: String?)
        /// Skip everything the pull request proposes, and close it.
        case skipAll
        /// Remove a skip (nil: every skip of the alias).
        case unskip(alias: String, tag: String?)
        case rebase
        case recreate
        case help
    }

    public var action: Action
    /// 1-based line of the comment the command was on.
    public var line: Int

    public init(_ action: Action, line: Int) {
        self.action = action
        self.line = line
    }

    /// The command as a person would type it, for commit messages and replies.
    public var text: String {
        switch action {
        case .pin(let alias, let tag): ["/pin", alias, tag].compactMap { $0 }.joined(separator: " ")
        case .unpin(let alias): "/unpin \(alias)"
        case .skip(let alias, let tag): ["/skip", alias, tag].compactMap { $0 }.joined(separator: " ")
        case .skipAll: "/skip"
        case .unskip(let alias, let tag): ["/unskip", alias, tag].compactMap { $0 }.joined(separator: " ")
        case .rebase: "/rebase"
        case .recreate: "/recreate"
        case .help: "/help"
        }
    }
}
