/// Parses Masterminds/semver v3 constraint text into OR-groups of AND-ed comparators.
///
/// Masterminds drives this with regular expressions; this is a hand-written equivalent in three
/// steps, the same as `NewConstraint`: hyphen ranges (`A - B`, spaces required) are rewritten to
/// `>= A, <= B`, the text is split on `||`, and each part must be a list of `[op] version`
/// separated by whitespace or one comma.
struct ConstraintParser {
    /// Longer input is refused: constraints are short and the rewrite step is quadratic at worst.
    static let maximumLength = 1024

    private let text: String

    init(_ text: String) {
        self.text = text
    }

    func parse() throws(PolicyError) -> [[Comparator]] {
        guard text.utf8.count <= Self.maximumLength else {
            throw .invalidConstraint(text, "longer than \(Self.maximumLength) characters")
        }
        let rewritten = Self.rewriteRanges(Array(text.utf8))
        var groups: [[Comparator]] = []
        for part in Self.splitOr(rewritten) {
            groups.append(try parseGroup(part))
        }
        return groups
    }

    // MARK: hyphen ranges

    /// Every `A - B` becomes `>= A, <= B `, found left to right the way Go's unanchored
    /// `\s*(CV)\s+-\s+(CV)\s*` would find them (so `1.2-1.4.5`, without spaces, is left alone).
    static func rewriteRanges(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var copied = 0
        var start = 0
        while start < bytes.count {
            var index = skipSpace(bytes, from: start)
            let firstStart = index
            guard let firstEnd = VersionToken.end(in: bytes, from: index) else {
                // Every start inside this run of spaces reaches the same version start and fails too.
                start = max(index, start) + 1
                continue
            }
            index = firstEnd
            let afterFirst = skipSpace(bytes, from: index)
            guard afterFirst > index, afterFirst < bytes.count, bytes[afterFirst] == UInt8(ascii: "-") else {
                start = max(firstStart, start) + 1
                continue
            }
            let secondStart = skipSpace(bytes, from: afterFirst + 1)
            guard secondStart > afterFirst + 1, let secondEnd = VersionToken.end(in: bytes, from: secondStart) else {
                start = max(firstStart, start) + 1
                continue
            }
            let end = skipSpace(bytes, from: secondEnd)
            output += bytes[copied..<start]
            output += Array(">= ".utf8) + bytes[firstStart..<firstEnd] + Array(", <= ".utf8)
            output += bytes[secondStart..<secondEnd] + [UInt8(ascii: " ")]
            copied = end
            start = end
        }
        output += bytes[copied...]
        return output
    }

    /// Splits on every `||`, left to right, keeping empty parts (which then fail to parse).
    static func splitOr(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var partStart = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "|"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "|") {
                parts.append(bytes[partStart..<index])
                index += 2
                partStart = index
            } else {
                index += 1
            }
        }
        parts.append(bytes[partStart...])
        return parts
    }

    // MARK: AND groups

    private func parseGroup(_ part: ArraySlice<UInt8>) throws(PolicyError) -> [Comparator] {
        let bytes = Array(part)
        var comparators: [Comparator] = []
        var index = Self.skipSpace(bytes, from: 0)
        while true {
            let (operation, afterOperator) = Self.operation(in: bytes, at: index)
            let tokenStart = Self.skipSpace(bytes, from: afterOperator)
            var tokenEnd = tokenStart
            while tokenEnd < bytes.count, !Self.isSpace(bytes[tokenEnd]), bytes[tokenEnd] != UInt8(ascii: ",") {
                tokenEnd += 1
            }
            guard tokenEnd > tokenStart, let token = VersionToken(bytes[tokenStart..<tokenEnd]) else {
                throw .invalidConstraint(text, "improper constraint \(PolicyError.quoted(Self.string(part)))")
            }
            comparators.append(try token.comparator(operation, constraint: text))
            index = Self.skipSpace(bytes, from: tokenEnd)
            if index == bytes.count { return comparators }
            if bytes[index] == UInt8(ascii: ",") {
                index = Self.skipSpace(bytes, from: index + 1)
            }
        }
    }

    /// The longest operator at `index` (`>=` before `>`); none means `=`.
    private static func operation(in bytes: [UInt8], at index: Int) -> (Comparator.Operation, Int) {
        let pairs: [(String, Comparator.Operation)] = [
            ("!=", .notEqual), (">=", .greaterOrEqual), ("=>", .greaterOrEqual), ("<=", .lessOrEqual),
            ("=<", .lessOrEqual), ("~>", .tilde), ("=", .tildeOrEqual), (">", .greater), ("<", .less),
            ("~", .tilde), ("^", .caret),
        ]
        for (spelling, operation) in pairs {
            let symbol = Array(spelling.utf8)
            if bytes.count - index >= symbol.count, bytes[index..<(index + symbol.count)].elementsEqual(symbol) {
                return (operation, index + symbol.count)
            }
        }
        return (.tildeOrEqual, index)
    }

    /// Go's `\s`: space, tab, newline, form feed, carriage return.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    static func skipSpace(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
