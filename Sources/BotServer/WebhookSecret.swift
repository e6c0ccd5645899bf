import Crypto
import Foundation

/// A shared secret read from the environment; prints as `<redacted>` so it cannot leak into
/// logs or error messages by accident.
public struct WebhookSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let bytes: [UInt8]

    /// Nil when `value` is empty: an empty secret would accept anything.
    public init?(_ value: String) {
        guard !value.isEmpty else { return nil }
        bytes = Array(value.utf8)
    }

    /// Reads the variable `name`; nil when unset or empty.
    public static func fromEnvironment(
        _ name: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> WebhookSecret? {
        environment[name].flatMap(WebhookSecret.init)
    }

    /// Compares `candidate` with the secret in time independent of where they differ.
    ///
    /// Both sides are hashed first so the comparison also hides the secret's length.
    public func matches(_ candidate: String) -> Bool {
        let expected = SHA256.hash(data: bytes)
        let given = SHA256.hash(data: Array(candidate.utf8))
        var difference: UInt8 = 0
        for (left, right) in zip(expected, given) { difference |= left ^ right }
        return difference == 0
    }

    /// True when `signature` (raw bytes) is the HMAC-SHA256 of `body` under this secret,
    /// compared in constant time.
    func isValidHMAC<Body: DataProtocol>(_ signature: [UInt8], for body: Body) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: body, using: SymmetricKey(data: bytes))
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
