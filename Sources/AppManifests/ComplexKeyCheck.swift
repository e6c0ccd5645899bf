/// Spots mapping keys that are collections or aliases before Yams composes them.
///
/// Yams hashes every mapping key to find duplicates; a key that is an alias to a "billion laughs" node would be
/// hashed through its full expansion. Kubernetes manifests never use such keys, so they are refused up front.
enum ComplexKeyCheck {
    /// The 1-based line of the first suspicious key, or nil.
    static func firstAliasedComplexKey(in text: String) -> Int? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line.utf8)
            let body = bytes.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
            // An explicit key ("? ...") can hold any node, aliases included.
            if body.first == UInt8(ascii: "?"), body.count == 1 || body.dropFirst().first == UInt8(ascii: " ") {
                return lineNumber
            }
            if aliasUsedAsKey(bytes) { return lineNumber }
        }
        return nil
    }

    /// `*name:` or `[*name]:`-style keys: an alias token followed, after its closing brackets, by `: `.
    private static func aliasUsedAsKey(_ bytes: [UInt8]) -> Bool {
        var index = 0
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "#"), index == 0 || bytes[index - 1] == UInt8(ascii: " ") { return false }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                index += 1
                continue
            }
            if byte == UInt8(ascii: "*"), index == 0 || isSeparator(bytes[index - 1]) {
                var end = index + 1
                while end < bytes.count, !isTerminator(bytes[end]) { end += 1 }
                while end < bytes.count,
                    bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "]")
                        || bytes[end] == UInt8(ascii: "}")
                        || bytes[end] == UInt8(ascii: ",")
                {
                    end += 1
                }
                if end < bytes.count, bytes[end] == UInt8(ascii: ":"),
                    end + 1 == bytes.count || bytes[end + 1] == UInt8(ascii: " ")
                {
                    return true
                }
                index = end
                continue
            }
            index += 1
        }
        return false
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{")
            || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\t")
    }

    private static func isTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
            || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "\t")
    }
}
