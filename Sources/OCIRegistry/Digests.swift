import Crypto
import Foundation
import ImageRef

/// Computing and checking content digests.
enum Digests {
    static func sha256(_ bytes: [UInt8]) -> String {
        "sha256:" + hex(SHA256.hash(data: bytes))
    }

    static func isValid(_ digest: String) -> Bool { OCIGrammar.isValidDigest(digest) }

    /// The digest of `bytes` in the algorithm of `expected` (sha256 or sha512).
    static func digest(of bytes: [UInt8], like expected: String) -> String {
        if expected.hasPrefix("sha512:") {
            return "sha512:" + hex(SHA512.hash(data: bytes))
        }
        return sha256(bytes)
    }

    /// Lowercase hex, written straight into the string's storage (this runs for every body received).
    static func hex(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: raw.count * 2) { buffer in
                for (index, byte) in raw.enumerated() {
                    buffer[2 * index] = hexDigits[Int(byte >> 4)]
                    buffer[2 * index + 1] = hexDigits[Int(byte & 0x0F)]
                }
                return raw.count * 2
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
