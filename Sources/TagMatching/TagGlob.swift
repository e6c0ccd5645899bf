/// One `ignore-tags` pattern, with the semantics of Go's `path/filepath.Match`, which Argo CD
/// Image Updater applies to every tag (`VersionConstraint.IsTagIgnored`).
///
/// - `*` matches any run of scalars except `/`; `?` matches one scalar except `/`.
/// - `[abc]`, `[a-z]`, `[^a-z]` match one scalar (negation is `^`, not `!`); a class is never
///   empty, so `]` and `-` must be escaped inside it, and a reversed range simply matches nothing.
/// - `\c` matches `c` literally; everything else matches itself; the whole tag must match.
///
/// A malformed pattern (`[abc`, `[]`, trailing `\`) makes Go return `ErrBadPattern`, and Image
/// Updater then quietly ignores nothing for that entry; here it is a `TagMatchingError` instead, so
/// the user learns why the pattern has no effect.
public struct TagGlob: Sendable {
    private enum Token: Sendable {
        case literal(Unicode.Scalar)
        case anyScalar
        case anyRun
        case set([ClosedRange<UInt32>], negated: Bool)
    }

    /// The pattern as written by the user.
    public let pattern: String
    private let tokens: [Token]
    /// Tokens other than `*`: each matches exactly one scalar, so a tag shorter than this cannot match.
    private let fixedLength: Int

    /// Parses `pattern`.
    ///
    /// - Throws: `TagMatchingError` when the pattern is malformed.
    public init(_ pattern: String) throws(TagMatchingError) {
        // Matching costs tokens × tag length for every tag of a repository: bound it as regexes are.
        guard pattern.unicodeScalars.count <= SafeRegex.maxPatternLength else {
            throw .invalidGlob(pattern, "the pattern is longer than \(SafeRegex.maxPatternLength) characters")
        }
        self.pattern = pattern
        var tokens: [Token] = []
        let scalars = Array(pattern.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*":
                // `**` means the same as `*`; one token keeps the matching table small.
                if case .anyRun = tokens.last { continue }
                tokens.append(.anyRun)
            case "?": tokens.append(.anyScalar)
            case "[": tokens.append(try Self.parseSet(scalars, &index, pattern: pattern))
            case "\\":
                guard index < scalars.count else {
                    throw .invalidGlob(pattern, "syntax error in pattern: trailing backslash")
                }
                tokens.append(.literal(scalars[index]))
                index += 1
            default: tokens.append(.literal(scalar))
            }
        }
        self.tokens = tokens
        self.fixedLength = tokens.count { if case .anyRun = $0 { false } else { true } }
    }

    /// Whether `tag` matches the whole pattern.
    public func matches(_ tag: String) -> Bool {
        // Also bounds the work below: a matchable pattern has at most twice the tag's length in tokens.
        guard fixedLength <= tag.unicodeScalars.count else { return false }
        // Dynamic programming over (tokens × scalars), one row at a time: O(n·m) time, O(m) memory,
        // with no backtracking blow-up for patterns like `*a*a*a*b`.
        var row = [Bool](repeating: false, count: tokens.count + 1)
        row[0] = true
        for (position, token) in tokens.enumerated() {
            if case .anyRun = token { row[position + 1] = row[position] }
        }
        for scalar in tag.unicodeScalars {
            var nextRow = [Bool](repeating: false, count: tokens.count + 1)
            for (position, token) in tokens.enumerated() {
                switch token {
                case .anyRun:
                    nextRow[position + 1] = nextRow[position] || (row[position + 1] && scalar != "/")
                default:
                    nextRow[position + 1] = row[position] && Self.matches(token, scalar)
                }
            }
            row = nextRow
        }
        return row[tokens.count]
    }

    private static func matches(_ token: Token, _ scalar: Unicode.Scalar) -> Bool {
        switch token {
        case .literal(let literal): literal == scalar
        case .anyScalar: scalar != "/"
        case .anyRun: true
        case .set(let ranges, let negated): ranges.contains { $0.contains(scalar.value) } != negated
        }
    }

    /// Parses after `[`, following Go's grammar: `[` [`^`] { char | char `-` char } `]`.
    private static func parseSet(
        _ scalars: [Unicode.Scalar], _ index: inout Int, pattern: String
    )
        throws(TagMatchingError) -> Token
    {
        var negated = false
        if index < scalars.count, scalars[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var members = 0
        while true {
            if index < scalars.count, scalars[index] == "]", members > 0 {
                index += 1
                return .set(ranges, negated: negated)
            }
            let low = try setMember(scalars, &index, pattern: pattern)
            var high = low
            if scalars[index] == "-" {
                index += 1
                high = try setMember(scalars, &index, pattern: pattern)
            }
            members += 1
            // Go accepts a reversed range such as [z-a]; it matches nothing.
            if low <= high { ranges.append(low...high) }
        }
    }

    /// One member character; like Go's `getEsc`, something must follow it (at least the `]`).
    private static func setMember(
        _ scalars: [Unicode.Scalar], _ index: inout Int, pattern: String
    )
        throws(TagMatchingError) -> UInt32
    {
        guard index < scalars.count, scalars[index] != "-", scalars[index] != "]" else {
            throw .invalidGlob(pattern, "syntax error in pattern: bad or unterminated character class")
        }
        if scalars[index] == "\\" { index += 1 }
        guard index + 1 < scalars.count else {
            throw .invalidGlob(pattern, "syntax error in pattern: unterminated character class")
        }
        index += 1
        return scalars[index - 1].value
    }
}
