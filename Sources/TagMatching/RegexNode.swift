/// The parsed form of a `SafeRegex` pattern.
///
/// Capture groups, names and greediness are parsed (so that the syntax matches RE2) but dropped
/// here: `SafeRegex` only answers whether a match exists, and that answer does not depend on them.
indirect enum RegexNode: Sendable {
    case empty
    case scalar(UInt32)
    case set(ScalarClass)
    case assertion(RegexAssertion)
    case concat([RegexNode])
    case alternate([RegexNode])
    /// `max == nil` means unbounded; `counted` marks the `{n,m}` form, which RE2 limits.
    case repeated(RegexNode, min: Int, max: Int?, counted: Bool)

    /// RE2 refuses nested counted repetitions whose product exceeds 1000, e.g. `(a{100}){100}`,
    /// because they blow up the compiled program.
    func repeatCountsFit(within budget: Int) -> Bool {
        switch self {
        case .empty, .scalar, .set, .assertion:
            return true
        case .concat(let nodes), .alternate(let nodes):
            return nodes.allSatisfy { $0.repeatCountsFit(within: budget) }
        case .repeated(let node, let min, let max, let counted):
            var budget = budget
            if counted {
                let count = max ?? min
                if count == 0 { return true }
                if count > budget { return false }
                budget /= count
            }
            return node.repeatCountsFit(within: budget)
        }
    }

    /// Whether every match must start at the beginning of the text, which lets the matcher stop early.
    var isAnchoredAtStart: Bool {
        switch self {
        case .assertion(.beginText): true
        case .concat(let nodes): nodes.first?.isAnchoredAtStart ?? false
        default: false
        }
    }
}

/// Zero-width assertions, with Go's meanings: `\b` uses ASCII word characters, and without `(?m)`
/// `^`/`$` are text anchors (Go's `$` does not match before a final newline).
enum RegexAssertion: Sendable, Equatable {
    case beginText
    case endText
    case beginLine
    case endLine
    case wordBoundary
    case notWordBoundary

    func holds(before previous: Unicode.Scalar?, after next: Unicode.Scalar?) -> Bool {
        switch self {
        case .beginText: previous == nil
        case .endText: next == nil
        case .beginLine: previous == nil || previous == "\n"
        case .endLine: next == nil || next == "\n"
        case .wordBoundary: Self.isWord(previous) != Self.isWord(next)
        case .notWordBoundary: Self.isWord(previous) == Self.isWord(next)
        }
    }

    private static func isWord(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ScalarSet.word.contains(scalar.value)
    }
}
