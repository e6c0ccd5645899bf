import Foundation
import _CryptoExtras

/// The fake GitHub's apps, their installations and the installation tokens it issued.
actor FakeGitHubApps {
    /// How a bearer token fares on a repository endpoint.
    enum TokenAccess: Sendable, Equatable {
        case unknown
        case expired
        case granted(owner: String)
    }

    private var apps: [Int: FakeAppRecord] = [:]
    private var installations: [Int: FakeInstallationRecord] = [:]
    private var tokens: [String: FakeInstallationTokenRecord] = [:]
    private var nextInstallationID = 5000

    func register(_ app: FakeAppRecord) {
        apps[app.id] = app
    }

    func app(_ id: Int) -> FakeAppRecord? {
        apps[id]
    }

    func install(appID: Int, on owner: String, tokenLifetime: TimeInterval) -> Int? {
        guard apps[appID] != nil else { return nil }
        nextInstallationID += 1
        installations[nextInstallationID] = FakeInstallationRecord(
            id: nextInstallationID, appID: appID, owner: owner, tokenLifetime: tokenLifetime, createdAt: Date())
        return nextInstallationID
    }

    func installation(_ id: Int) -> FakeInstallationRecord? {
        installations[id]
    }

    func installation(of appID: Int, on owner: String) -> FakeInstallationRecord? {
        installations.values.first { $0.appID == appID && $0.owner.lowercased() == owner.lowercased() }
    }

    /// A new `ghs_` token for an installation, valid for its token lifetime from now.
    func issueToken(for installation: FakeInstallationRecord) -> (String, Date) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let token = "ghs_" + String((0..<36).map { _ in alphabet.randomElement() ?? "A" })
        let expiresAt = Date().addingTimeInterval(installation.tokenLifetime)
        tokens[token] = FakeInstallationTokenRecord(
            installationID: installation.id, owner: installation.owner, expiresAt: expiresAt)
        return (token, expiresAt)
    }

    func access(for token: String) -> TokenAccess {
        guard let record = tokens[token] else { return .unknown }
        return record.expiresAt > Date() ? .granted(owner: record.owner) : .expired
    }

    /// Every installation token issued so far (valid or not).
    func issuedTokens() -> Set<String> {
        Set(tokens.keys)
    }
}
