/// Parses Go/RE2 regular-expression syntax into a `RegexNode`.
///
/// The grammar, the error wording ("missing closing )", "invalid nested repetition operator", ...)
/// and the corner cases (`a**` is an error, `x{01}` is literal text, `^*` is allowed, a `(?i)` group
/// does not stop `a(?i)*` from repeating `a`) follow Go's `regexp/syntax`, because users write
/// these patterns for Argo CD Image Updater, which compiles them with Go's `regexp.Compile`.
/// Recursion depth is bounded by `maxNesting`.
struct RegexParser {
    struct Flags {
        var foldsCase = false
        var multiLine = false
        var dotMatchesNewline = false
    }

    static let maxNesting = 100
    static let maxRepeat = 1000

    let pattern: String
    let scalars: [Unicode.Scalar]
    var index = 0
    var flags = Flags()
    var depth = 0

    private init(_ pattern: String) {
        self.pattern = pattern
        self.scalars = Array(pattern.unicodeScalars)
    }

    static func parse(_ pattern: String) throws(TagMatchingError) -> RegexNode {
        var parser = RegexParser(pattern)
        let node = try parser.parseAlternation()
        if parser.index < parser.scalars.count {
            throw parser.failure("unexpected )", pattern)
        }
        return node
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func scalar(at offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    func text(from start: Int, to end: Int? = nil) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[start..<min(end ?? index, scalars.count)])
        return result
    }

    /// Go's wording, `code: \`expression\``, plus an optional hint for what RE2 deliberately lacks.
    func failure(_ code: String, _ expression: String, hint: String? = nil) -> TagMatchingError {
        let detail = "\(code): `\(TagMatchingError.escaped(expression, limit: 40))`"
        return .invalidRegexp(pattern, hint.map { detail + " (\($0))" } ?? detail)
    }

    mutating func parseAlternation() throws(TagMatchingError) -> RegexNode {
        var branches = [try parseConcatenation()]
        while current == "|" {
            index += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    private mutating func parseConcatenation() throws(TagMatchingError) -> RegexNode {
        var items: [RegexNode] = []
        var lastRepeatStart: Int?
        while let scalar = current, scalar != "|", scalar != ")" {
            let start = index
            var repeatStart: Int?
            switch scalar {
            case "(":
                if let group = try parseGroup() { items.append(group) }
            case "*", "+", "?":
                index += 1
                let bounds = scalar == "*" ? (0, nil) : scalar == "+" ? (1, nil) : (0, 1)
                try applyRepeat(&items, bounds, counted: false, start: start, lastRepeatStart: lastRepeatStart)
                repeatStart = start
            case "{":
                if let bounds = try parseRepeatBounds() {
                    try applyRepeat(&items, bounds, counted: true, start: start, lastRepeatStart: lastRepeatStart)
                    repeatStart = start
                } else {
                    items.append(literal(0x7B))
                    index += 1
                }
            case "^":
                items.append(.assertion(flags.multiLine ? .beginLine : .beginText))
                index += 1
            case "$":
                items.append(.assertion(flags.multiLine ? .endLine : .endText))
                index += 1
            case ".":
                let set: ScalarSet = flags.dotMatchesNewline ? .any : .anyButNewline
                items.append(.set(ScalarClass(set)))
                index += 1
            case "[":
                items.append(.set(try parseClass()))
            case "\\":
                try parseEscapeAtom(into: &items)
            default:
                items.append(literal(scalar.value))
                index += 1
            }
            lastRepeatStart = repeatStart
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    /// Applies `*`, `+`, `?` or `{n,m}` (already consumed) to the last item.
    private mutating func applyRepeat(
        _ items: inout [RegexNode], _ bounds: (Int, Int?), counted: Bool, start: Int, lastRepeatStart: Int?
    ) throws(TagMatchingError) {
        if current == "?" { index += 1 }  // lazy: same match/no-match answer
        if let lastRepeatStart {
            throw failure("invalid nested repetition operator", text(from: lastRepeatStart))
        }
        guard let operand = items.popLast() else {
            throw failure("missing argument to repetition operator", text(from: start))
        }
        let node = RegexNode.repeated(operand, min: bounds.0, max: bounds.1, counted: counted)
        if counted, bounds.0 >= 2 || (bounds.1 ?? 0) >= 2, !node.repeatCountsFit(within: Self.maxRepeat) {
            throw failure("invalid repeat count", text(from: start))
        }
        items.append(node)
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at the cursor; `nil` (cursor unmoved) when the text is not
    /// of that form, in which case Go treats `{` as a literal.
    private mutating func parseRepeatBounds() throws(TagMatchingError) -> (Int, Int?)? {
        let start = index
        var cursor = index + 1
        guard let low = Self.parseInt(scalars, &cursor) else { return nil }
        var high: Int? = low
        guard cursor < scalars.count else { return nil }
        if scalars[cursor] == "," {
            cursor += 1
            guard cursor < scalars.count else { return nil }
            if scalars[cursor] == "}" {
                high = nil
            } else {
                guard let value = Self.parseInt(scalars, &cursor) else { return nil }
                high = value
            }
        }
        guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
        index = cursor + 1
        if low > Self.maxRepeat || (high ?? 0) > Self.maxRepeat || (high.map { low > $0 } ?? false) {
            throw failure("invalid repeat count", text(from: start))
        }
        return (low, high)
    }

    /// Decimal without leading zeros (Go refuses `{01}` as a repeat); huge values saturate.
    private static func parseInt(_ scalars: [Unicode.Scalar], _ cursor: inout Int) -> Int? {
        let start = cursor
        var value = 0
        while cursor < scalars.count, let digit = scalars[cursor].asciiDigit {
            value = min(value * 10 + digit, 100_000_000)
            cursor += 1
        }
        if cursor == start { return nil }
        if cursor - start >= 2 && scalars[start] == "0" { return nil }
        return value
    }

    func literal(_ value: UInt32) -> RegexNode {
        guard flags.foldsCase else { return .scalar(value) }
        let orbit = CaseFolding.orbit(of: value)
        if orbit.count == 1 { return .scalar(value) }
        return .set(ScalarClass(ScalarSet(orbit.map { $0...$0 })))
    }
}

extension Unicode.Scalar {
    var asciiDigit: Int? { ("0"..."9").contains(self) ? Int(value - 0x30) : nil }
    var isASCIIAlphanumeric: Bool {
        ("0"..."9").contains(self) || ("a"..."z").contains(self) || ("A"..."Z").contains(self)
    }
}
