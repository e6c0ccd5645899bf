/// A regular expression in Go's RE2 syntax, matched in time linear in the input.
///
/// Argo CD Image Updater compiles `allow-tags: regexp:<re>` with Go's `regexp.Compile`, so users
/// write RE2 syntax; we accept the same syntax and refuse what RE2 refuses (backreferences,
/// lookaround, repeat counts over 1000). Matching runs a Thompson/Pike simulation of a compiled NFA,
/// so a pattern such as `^(a+)+$` costs O(text × program) and can never hang a run, which
/// Swift's backtracking `Regex` and `NSRegularExpression` cannot promise.
public struct SafeRegex: Sendable {
    /// The pattern as written by the user.
    public let pattern: String
    private let program: RegexProgram

    /// Patterns longer than this are refused before parsing, so compile time stays small too.
    static let maxPatternLength = 4096

    /// Compiles `pattern`.
    ///
    /// - Throws: `TagMatchingError` when the syntax is invalid, uses a feature RE2 does not support,
    ///   or exceeds the size limits (pattern length, compiled program size).
    public init(_ pattern: String) throws(TagMatchingError) {
        guard pattern.unicodeScalars.count <= Self.maxPatternLength else {
            throw .regexpTooLarge(pattern, "the pattern is longer than \(Self.maxPatternLength) characters")
        }
        self.pattern = pattern
        self.program = try RegexCompiler.compile(RegexParser.parse(pattern), pattern: pattern)
    }

    /// Whether the expression matches anywhere in `text` (unanchored, like Go's `MatchString`).
    public func matches(_ text: String) -> Bool {
        PikeVM.matches(program, in: text)
    }
}
