import Foundation
import _CryptoExtras

/// A fresh 2048-bit RSA key pair for a test GitHub App: the private half for the bot, the public half for the
/// fake GitHub, which checks the app's JSON web tokens with it.
public struct FakeGitHubAppKey: Sendable {
    /// PKCS#1 (`BEGIN RSA PRIVATE KEY`), the form GitHub's download uses.
    public let privateKeyPEM: String
    /// The same key as PKCS#8 (`BEGIN PRIVATE KEY`).
    public let pkcs8PrivateKeyPEM: String
    public let publicKeyPEM: String

    public static func generate() throws -> FakeGitHubAppKey {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        return FakeGitHubAppKey(
            privateKeyPEM: key.pemRepresentation, pkcs8PrivateKeyPEM: key.pkcs8PEMRepresentation,
            publicKeyPEM: key.publicKey.pemRepresentation)
    }
}
