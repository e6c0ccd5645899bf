import Foundation
import _CryptoExtras

/// GitHub Apps on the fake GitHub: register one with its public key, install it on an owner, and see which
/// installation tokens were handed out.
extension FakeGitHub {
    /// Registers an app whose JSON web tokens must verify with `publicKeyPEM`.
    public func registerApp(id: Int, slug: String = "argocd-image-pr", publicKeyPEM: String) async throws {
        let key: _RSA.Signing.PublicKey
        do {
            key = try _RSA.Signing.PublicKey(pemRepresentation: publicKeyPEM)
        } catch {
            throw FakeGitHubError("app \(id): the public key is not an RSA PEM key")
        }
        await store.apps.register(FakeAppRecord(id: id, slug: slug, publicKey: key, createdAt: Date()))
    }

    /// Installs a registered app on every repository of `owner`; its installation tokens live
    /// `tokenLifetime` seconds (GitHub: an hour). Returns the installation id.
    @discardableResult
    public func installApp(id: Int, on owner: String, tokenLifetime: TimeInterval = 3600) async throws -> Int {
        guard let installation = await store.apps.install(appID: id, on: owner, tokenLifetime: tokenLifetime) else {
            throw FakeGitHubError("no app \(id); register it first")
        }
        return installation
    }

    /// Every installation access token issued so far.
    public func issuedInstallationTokens() async -> Set<String> {
        await store.apps.issuedTokens()
    }
}
