import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitHub App installation tokens against the fake GitHub")
struct GitHubAppTokenTests {
    @Test func tokenIsMintedOnceAndReused() async throws {
        try await GitHubAppTestbed.with { bed in
            let provider = try bed.provider()
            let first = try await provider.token(for: bed.repository)
            let second = try await provider.token(for: bed.repository)
            #expect(first == second)
            #expect(first.hasPrefix("ghs_"))
            #expect(await bed.github.issuedInstallationTokens() == [first])
            #expect(await bed.mints() == 1)
            #expect(await bed.lookups() == 1)
            #expect(try await provider.installationID(for: bed.repository) == bed.installationID)
        }
    }

    @Test func concurrentCallersShareOneRequest() async throws {
        try await GitHubAppTestbed.with { bed in
            let provider = try bed.provider()
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<12 { group.addTask { try await provider.token(for: bed.repository) } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens.count == 1)
            #expect(await bed.mints() == 1)
            #expect(await bed.lookups() == 1)
        }
    }

    @Test func tokenIsReplacedShortlyBeforeItExpires() async throws {
        // Tokens live 302 s and are replaced 300 s before expiry: reusable for about two seconds.
        try await GitHubAppTestbed.with(tokenLifetime: 302) { bed in
            let provider = try bed.provider()
            let first = try await provider.token(for: bed.repository)
            #expect(try await provider.token(for: bed.repository) == first)
            try await Task.sleep(for: .milliseconds(2600))
            let renewed = try await provider.token(for: bed.repository)
            #expect(renewed != first)
            #expect(try await provider.token(for: bed.repository) == renewed)
            #expect(await bed.mints() == 2)
            #expect(await bed.lookups() == 1, "the installation id stays cached")
        }
    }

    @Test func fixedInstallationSkipsTheLookup() async throws {
        try await GitHubAppTestbed.with { bed in
            let provider = try bed.provider(installationID: bed.installationID)
            _ = try await provider.token(for: bed.repository)
            #expect(await bed.lookups() == 0)
            #expect(await bed.mints() == 1)
            #expect(try await provider.authenticatedApp() == "argocd-image-pr")
        }
    }

    @Test(arguments: ["999", "Iv1.0123456789abcdef"])
    func unknownAppIDIsRejectedClearly(appID: String) async throws {
        try await GitHubAppTestbed.with { bed in
            let provider = try bed.provider(appID: appID)
            let error = try await #require(throws: GitHubAppError.self) {
                try await provider.token(for: bed.repository)
            }
            #expect(error.isRejected)
            #expect(error.status == 401)
            let text = error.description
            #expect(text.hasPrefix("GitHub App \(appID): GitHub rejected the app's JSON web token"))
            #expect(text.contains("HTTP 401"))
            #expect(text.contains("looking up the installation for octo/charts"))
            #expect(!text.contains("\n"))
            #expect(!text.contains("eyJ"), "no JSON web token in \(text)")
            #expect(await bed.mints() == 0)
        }
    }

    @Test func keyOfAnotherAppIsRejected() async throws {
        try await GitHubAppTestbed.with { bed in
            // App 7 exists, but the bot signs with app 4242's key.
            try await bed.github.registerApp(
                id: 7, slug: "other", publicKeyPEM: try FakeGitHubAppKey.generate().publicKeyPEM)
            let provider = try bed.provider(appID: "7")
            let error = try await #require(throws: GitHubAppError.self) {
                try await provider.authenticatedApp()
            }
            #expect(error.isRejected)
            #expect(error.description.contains("A JSON web token could not be decoded"))
        }
    }

    @Test func appNotInstalledOnTheOwner() async throws {
        try await GitHubAppTestbed.with { bed in
            try await bed.github.createRepository(owner: "elsewhere", name: "infra")
            let other = try ForgeRepository.parse(
                repoURL: "\(bed.github.baseURL)/elsewhere/infra", forges: [GitHubAppTestbed.endpoint(bed.github)])
            let error = try await #require(throws: GitHubAppError.self) {
                try await bed.provider().token(for: other)
            }
            #expect(error.isNotInstalled)
            #expect(error.description.contains("not installed on elsewhere/infra (HTTP 404"))
        }
    }

    @Test func eachInstallationHasItsOwnToken() async throws {
        try await GitHubAppTestbed.with { bed in
            try await bed.github.createRepository(owner: "team", name: "deploy")
            try await bed.github.installApp(id: GitHubAppTestbed.appID, on: "team")
            let other = try ForgeRepository.parse(
                repoURL: "\(bed.github.baseURL)/team/deploy", forges: [GitHubAppTestbed.endpoint(bed.github)])
            let provider = try bed.provider()
            let octo = try await provider.token(for: bed.repository)
            let team = try await provider.token(for: other)
            #expect(octo != team)
            #expect(await bed.mints() == 2)
        }
    }
}
