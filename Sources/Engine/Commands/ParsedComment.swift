/// What a comment asks of the bot: its commands in order, and the lines that looked like commands but were not
/// valid ones.
public struct ParsedComment: Sendable, Equatable {
    public var commands: [CommentCommand]
    /// One human line each, naming the comment line, e.g. "line 2: unknown command `/pinn`".
    public var problems: [String]
    /// True when only the first part of a huge comment was read (said in the reply).
    public var truncated: Bool

    public init(commands: [CommentCommand] = [], problems: [String] = [], truncated: Bool = false) {
        self.commands = commands
        self.problems = problems
        self.truncated = truncated
    }

    /// True when the comment holds nothing for the bot (no command, valid or not): it gets no answer.
    public var isEmpty: Bool { commands.isEmpty && problems.isEmpty }
}
