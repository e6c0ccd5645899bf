import Foundation

/// The orderings Argo CD Image Updater sorts tags by; each is ascending, the best tag last.
enum TagOrder {
    /// Go's string `<`: byte by byte.
    static func byName(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// By precedence; equal versions (`1.2.3`, `v1.2.3`, `1.2.3+b1`) by the tag's bytes.
    static func byVersion(_ lhs: SemanticVersion, _ rhs: SemanticVersion) -> Bool {
        let order = lhs.compare(to: rhs)
        return order != 0 ? order < 0 : byName(lhs.original, rhs.original)
    }

    /// By creation date; tags of the same image (same date) by name, so `latest` beats `f33bacd`.
    static func byDate(_ lhs: (tag: String, created: Date), _ rhs: (tag: String, created: Date)) -> Bool {
        lhs.created != rhs.created ? lhs.created < rhs.created : byName(lhs.tag, rhs.tag)
    }

    /// OCI distribution tag syntax: `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`. Anything else is never
    /// proposed, whatever the registry listed.
    static func isValidTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128 else { return false }
        func isWord(_ byte: UInt8) -> Bool {
            VersionScanner.isIdentifierByte(byte) && byte != UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        return isWord(first)
            && bytes.dropFirst().allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }
}
