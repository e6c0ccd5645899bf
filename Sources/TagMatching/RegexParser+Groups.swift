extension RegexParser {
    mutating func parseGroup() throws(TagMatchingError) -> RegexNode? {
        let open = index
        let saved = flags
        index += 1
        if current == "?" {
            guard try parseGroupPrefix(open: open) else { return nil }
        }
        depth += 1
        if depth > Self.maxNesting {
            throw .regexpTooLarge(pattern, "expression nests more than \(Self.maxNesting) groups deep")
        }
        let body = try parseAlternation()
        guard current == ")" else { throw failure("missing closing )", pattern) }
        index += 1
        depth -= 1
        flags = saved
        return body
    }

    /// Handles what follows `(?`. Returns `true` when a group body follows, `false` for a bare
    /// flag change like `(?i)`, which lasts to the end of the enclosing group.
    private mutating func parseGroupPrefix(open: Int) throws(TagMatchingError) -> Bool {
        let next = scalar(at: 1)
        if next == "=" || next == "!" || (next == "<" && (scalar(at: 2) == "=" || scalar(at: 2) == "!")) {
            let length = next == "<" ? 4 : 3
            throw failure(
                "invalid or unsupported Perl syntax", text(from: open, to: open + length),
                hint: "lookahead and lookbehind are not supported")
        }
        if next == "<" || (next == "P" && scalar(at: 2) == "<") {
            index += next == "<" ? 2 : 3
            let nameStart = index
            while let scalar = current, scalar != ">" { index += 1 }
            guard current == ">" else { throw failure("invalid named capture", text(from: open)) }
            let name = scalars[nameStart..<index]
            index += 1
            guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isASCIIAlphanumeric }) else {
                throw failure("invalid named capture", text(from: open))
            }
            return true
        }
        index += 1
        var updated = flags
        var negative = false
        var sawFlag = false
        scan: while let scalar = current {
            index += 1
            switch scalar {
            case "i":
                updated.foldsCase = !negative
                sawFlag = true
            case "m":
                updated.multiLine = !negative
                sawFlag = true
            case "s":
                updated.dotMatchesNewline = !negative
                sawFlag = true
            case "U":
                sawFlag = true  // ungreedy: irrelevant to whether a match exists
            case "-":
                if negative { break scan }
                negative = true
                sawFlag = false
            case ":", ")":
                if negative && !sawFlag { break scan }
                flags = updated
                return scalar == ":"
            default:
                break scan
            }
        }
        throw failure("invalid or unsupported Perl syntax", text(from: open))
    }
}
