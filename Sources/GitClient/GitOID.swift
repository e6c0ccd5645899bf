import CLibGit2

/// A git object id (SHA-1), kept as its 40-character lowercase hex spelling.
public struct GitOID: Hashable, Sendable, CustomStringConvertible {
    /// The full lowercase hex spelling, 40 characters.
    public let hex: String

    /// Parses a full 40-character hex object id; `nil` for anything else (abbreviations included).
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy({ Self.isHexDigit($0) }) else { return nil }
        self.hex = hex.lowercased()
    }

    init(_ oid: git_oid) {
        var copy = oid
        // GIT_OID_HEXSZ characters plus the terminating NUL that git_oid_tostr writes.
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, buffer.count, &copy)
        self.hex = String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The short form people read in logs and PR bodies.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    /// The libgit2 form; the spelling was validated at construction, so parsing cannot fail.
    var raw: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstrn(&oid, hex, 40)
        return oid
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
