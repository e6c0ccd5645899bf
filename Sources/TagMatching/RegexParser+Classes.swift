extension RegexParser {
    /// Parses a bracket expression at the cursor, with Go's rules: `]` is literal when first,
    /// `-` is literal where it cannot form a range, `[:name:]` POSIX classes and `\d`-style and
    /// `\p{..}` members are allowed, and a reversed range such as `[z-a]` is an error.
    mutating func parseClass() throws(TagMatchingError) -> ScalarClass {
        let start = index
        index += 1
        var result = ScalarClass()
        result.foldsCase = flags.foldsCase
        if current == "^" {
            result.isNegated = true
            index += 1
        }
        var first = true
        while current != "]" || first {
            first = false
            guard let scalar = current else {
                throw failure("missing closing ]", text(from: start, to: scalars.count))
            }
            if scalar == "[", self.scalar(at: 1) == ":", try parsePOSIXClass(into: &result) {
                continue
            }
            if scalar == "\\", let letter = self.scalar(at: 1) {
                if letter == "p" || letter == "P" {
                    let (set, negated) = try parseUnicodeClass()
                    result.add(set, negated: negated)
                    continue
                }
                if let (set, negated) = ScalarSet.perl(letter) {
                    result.add(set, negated: negated)
                    index += 2
                    continue
                }
            }
            let rangeStart = index
            let low = try parseClassScalar(classStart: start)
            var high = low
            if current == "-", let after = self.scalar(at: 1), after != "]" {
                index += 1
                high = try parseClassScalar(classStart: start)
                if high < low {
                    throw failure("invalid character class range", text(from: rangeStart))
                }
            }
            result.add(ScalarSet([low...high]), negated: false)
        }
        index += 1
        return result
    }

    private mutating func parseClassScalar(classStart: Int) throws(TagMatchingError) -> UInt32 {
        guard let scalar = current else {
            throw failure("missing closing ]", text(from: classStart, to: scalars.count))
        }
        if scalar == "\\" { return try parseEscapedScalar() }
        index += 1
        return scalar.value
    }

    /// `[:alpha:]` or `[:^alpha:]`; returns `false` (cursor unmoved) when no `:]` follows, in which
    /// case Go reads the `[` as an ordinary member.
    private mutating func parsePOSIXClass(into result: inout ScalarClass) throws(TagMatchingError) -> Bool {
        var end = index + 2
        while end + 1 < scalars.count, !(scalars[end] == ":" && scalars[end + 1] == "]") { end += 1 }
        guard end + 1 < scalars.count else { return false }
        var name = text(from: index + 2, to: end)
        let negated = name.hasPrefix("^")
        if negated { name.removeFirst() }
        guard let set = ScalarSet.posix(name) else {
            throw failure("invalid character class range", text(from: index, to: end + 2))
        }
        result.add(set, negated: negated)
        index = end + 2
        return true
    }
}
