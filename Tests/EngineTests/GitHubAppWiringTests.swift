import Forges
import Foundation
import GitClient
import TestSupport
import Testing

@testable import Engine

/// A configured GitHub App (and no token variable) authenticates both git and the REST API.
@Suite("GitHub App authentication in runs")
struct GitHubAppWiringTests {
    @Test func appTokensReachGitAndTheForge() async throws {
        let key = try FakeGitHubAppKey.generate()
        let github = try await FakeGitHub.start()
        do {
            try await github.createRepository(owner: "octo", name: "charts", files: ["README.md": "charts\n"])
            try await github.registerApp(id: 4242, publicKeyPEM: key.publicKeyPEM)
            _ = try await github.installApp(id: 4242, on: "octo", tokenLifetime: 3600)
            let configuration = BotConfiguration(
                forges: [ForgeSettings(url: github.baseURL, type: .github, tokenEnv: "UNSET_TOKEN_VARIABLE")])
            let environment = ["GITHUB_APP_ID": "4242", "GITHUB_APP_PRIVATE_KEY": key.privateKeyPEM]
            let app = GitHubAppAuth(configuration: configuration, environment: environment)
            #expect(app.problem == nil)
            let url = "\(github.baseURL)/octo/charts.git"

            let lookup = GitCredentialLookup(forges: configuration.forges, environment: environment, app: app)
            guard case .token(let username, let password) = await lookup.resolvedCredentials(for: url) else {
                Issue.record("no git credentials from the app")
                await github.stop()
                return
            }
            #expect(username == "x-access-token")
            #expect(await github.issuedInstallationTokens().contains(password))

            let directory = ForgeDirectory(configuration: configuration, environment: environment, app: app)
            let link = try directory.link(for: .remote(url))
            let pulls = try await link.forge.pullRequests(
                in: link.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(pulls.isEmpty)
            #expect(await github.violations().isEmpty)
        } catch {
            await github.stop()
            throw error
        }
        await github.stop()
    }

    @Test func aPartialAppSettingIsAnErrorForGitHubRepositories() throws {
        let configuration = BotConfiguration()
        let app = GitHubAppAuth(configuration: configuration, environment: ["GITHUB_APP_ID": "4242"])
        let problem = try #require(app.problem)
        #expect(problem.contains("GITHUB_APP_PRIVATE_KEY"))
        let directory = ForgeDirectory(configuration: configuration, environment: [:], app: app)
        #expect(throws: RunError.self) {
            try directory.link(for: .remote("https://github.com/octo/charts.git"))
        }
    }
}
