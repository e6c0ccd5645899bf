import Crypto
import ImageRef

/// Computing and checking content digests.
enum Digests {
    static func sha256(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hash(data: bytes).map { Self.hex($0) }.joined()
    }

    static func isValid(_ digest: String) -> Bool { OCIGrammar.isValidDigest(digest) }

    /// The digest of `bytes` in the algorithm of `expected` (sha256 or sha512).
    static func digest(of bytes: [UInt8], like expected: String) -> String {
        if expected.hasPrefix("sha512:") {
            return "sha512:" + SHA512.hash(data: bytes).map { Self.hex($0) }.joined()
        }
        return sha256(bytes)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
