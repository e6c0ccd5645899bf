import Forges
import Foundation
import TestSupport
import Testing

/// A fake GitHub with repository `octo/charts`, app 4242 registered and installed on `octo`, and the app's key.
struct GitHubAppTestbed {
    let github: FakeGitHub
    let key: FakeGitHubAppKey
    let repository: ForgeRepository
    let installationID: Int

    static let appID = 4242
    /// One key for the whole run: generating RSA keys is slow.
    static let sharedKey = Result { try FakeGitHubAppKey.generate() }

    /// Runs `body`, then checks that every exchange fitted the OpenAPI description and stops the server.
    static func with(
        tokenLifetime: TimeInterval = 3600, _ body: (GitHubAppTestbed) async throws -> Void
    )
        async throws
    {
        let key = try sharedKey.get()
        let github = try await FakeGitHub.start()
        do {
            try await github.createRepository(owner: "octo", name: "charts", files: ["README.md": "charts\n"])
            try await github.registerApp(id: appID, publicKeyPEM: key.publicKeyPEM)
            let installation = try await github.installApp(id: appID, on: "octo", tokenLifetime: tokenLifetime)
            let repository = try ForgeRepository.parse(
                repoURL: "\(github.baseURL)/octo/charts.git", forges: [Self.endpoint(github)])
            try await body(
                GitHubAppTestbed(github: github, key: key, repository: repository, installationID: installation))
            let violations = await github.violations()
            #expect(violations.isEmpty, "OpenAPI violations: \(violations)")
        } catch {
            await github.stop()
            throw error
        }
        await github.stop()
    }

    static func endpoint(_ github: FakeGitHub, tokenProvider: (any ForgeTokenProvider)? = nil) -> ForgeEndpoint {
        ForgeEndpoint(url: github.baseURL, kind: .github, tokenProvider: tokenProvider)
    }

    func provider(
        appID: String = String(Self.appID), installationID: Int? = nil, refreshMargin: TimeInterval = 300
    ) throws -> GitHubAppTokenProvider {
        GitHubAppTokenProvider(
            credentials: try GitHubAppCredentials(appID: appID, privateKeyPEM: key.privateKeyPEM),
            apiBaseURL: github.apiURL, installationID: installationID, refreshMargin: refreshMargin,
            options: ForgeHTTPOptions(retryBaseDelay: 0.01, maxRateLimitWait: 5))
    }

    func mints() async -> Int { await github.calls(of: "apps/create-installation-access-token").count }
    func lookups() async -> Int { await github.calls(of: "apps/get-repo-installation").count }
}
