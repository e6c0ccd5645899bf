/// Shell-style patterns: Go's `filepath.Match` for one name (`*`, `?`, `[a-z]`, `[^x]`, `\` escapes), and
/// path globs where a `**` component matches any number of directories.
struct GlobPattern: Sendable {
    private enum Token: Equatable {
        case literal(Unicode.Scalar)
        case any
        case star
        case set(ranges: [ClosedRange<UInt32>], negated: Bool)
    }

    private let components: [[Token]?]  // nil component = `**`

    /// Parses `pattern`; nil when it is malformed (an unclosed `[` or a trailing `\`).
    init?(_ pattern: String) {
        var components: [[Token]?] = []
        for component in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "**" {
                components.append(nil)
            } else {
                guard let tokens = Self.tokens(Substring(component)) else { return nil }
                components.append(tokens)
            }
        }
        self.components = components
    }

    /// Matches a `/`-separated relative path, component by component.
    func matches(path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        var memo: [Int: Bool] = [:]
        func match(_ p: Int, _ s: Int) -> Bool {
            let key = p * (parts.count + 1) + s
            if let known = memo[key] { return known }
            let result: Bool
            if p == components.count {
                result = s == parts.count
            } else if let tokens = components[p] {
                result = s < parts.count && Self.match(tokens[...], parts[s][...]) && match(p + 1, s + 1)
            } else {
                result = match(p + 1, s) || (s < parts.count && match(p, s + 1))
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }

    /// Matches a single name (no `/` handling beyond `*` not crossing it).
    func matches(name: String) -> Bool {
        guard components.count == 1, let tokens = components[0] else {
            return matches(path: name)
        }
        return Self.match(tokens[...], Array(name.unicodeScalars)[...])
    }

    private static func match(_ tokens: ArraySlice<Token>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        // Iterative wildcard matching with one backtrack point: linear in practice, never exponential.
        var t = tokens.startIndex
        var s = text.startIndex
        var starToken: Int? = nil
        var starText = 0
        while s < text.endIndex {
            if t < tokens.endIndex, tokens[t] == .star {
                starToken = t
                starText = s
                t += 1
            } else if t < tokens.endIndex, single(tokens[t], text[s]) {
                t += 1
                s += 1
            } else if let star = starToken, text[starText] != "/" {
                t = star + 1
                starText += 1
                s = starText
            } else {
                return false
            }
        }
        while t < tokens.endIndex, tokens[t] == .star { t += 1 }
        return t == tokens.endIndex
    }

    private static func single(_ token: Token, _ scalar: Unicode.Scalar) -> Bool {
        switch token {
        case .literal(let expected): return expected == scalar
        case .any: return scalar != "/"
        case .star: return false
        case .set(let ranges, let negated):
            guard scalar != "/" else { return false }
            return ranges.contains { $0.contains(scalar.value) } != negated
        }
    }

    private static func tokens(_ text: Substring) -> [Token]? {
        var result: [Token] = []
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "*": if result.last != .star { result.append(.star) }
            case "?": result.append(.any)
            case "\\":
                guard let escaped = scalars.popFirst() else { return nil }
                result.append(.literal(escaped))
            case "[":
                var negated = false
                if scalars.first == "^" {
                    negated = true
                    scalars.removeFirst()
                }
                var ranges: [ClosedRange<UInt32>] = []
                var closed = false
                while let next = scalars.popFirst() {
                    if next == "]", !ranges.isEmpty {
                        closed = true
                        break
                    }
                    var low = next
                    if low == "\\" {
                        guard let escaped = scalars.popFirst() else { return nil }
                        low = escaped
                    }
                    var high = low
                    if scalars.first == "-", scalars.count > 1, scalars[scalars.index(after: scalars.startIndex)] != "]"
                    {
                        scalars.removeFirst()
                        high = scalars.removeFirst()
                        if high == "\\" {
                            guard let escaped = scalars.popFirst() else { return nil }
                            high = escaped
                        }
                    }
                    guard low.value <= high.value else { return nil }
                    ranges.append(low.value...high.value)
                }
                guard closed else { return nil }
                result.append(.set(ranges: ranges, negated: negated))
            default: result.append(.literal(scalar))
            }
        }
        return result
    }
}
