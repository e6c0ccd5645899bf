import Foundation
import _CryptoExtras

/// A GitHub App the fake knows: its id, slug and the public key its JSON web tokens must verify with.
struct FakeAppRecord: Sendable {
    let id: Int
    let slug: String
    let publicKey: _RSA.Signing.PublicKey
    let createdAt: Date
}

/// An app installed on an account (user or organization): every repository of that owner.
struct FakeInstallationRecord: Sendable {
    let id: Int
    let appID: Int
    let owner: String
    /// Seconds an installation token lives (GitHub: one hour).
    let tokenLifetime: TimeInterval
    let createdAt: Date
}

/// An installation access token the fake handed out.
struct FakeInstallationTokenRecord: Sendable {
    let installationID: Int
    let owner: String
    let expiresAt: Date
}
