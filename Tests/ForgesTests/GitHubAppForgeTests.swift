import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitHubForge authenticated as a GitHub App")
struct GitHubAppForgeTests {
    @Test func createsAndListsPullRequestsWithInstallationTokens() async throws {
        try await GitHubAppTestbed.with { bed in
            let endpoint = GitHubAppTestbed.endpoint(bed.github, tokenProvider: try bed.provider())
            let forge = GitHubForge(endpoint: endpoint, options: ForgeHTTPOptions(retryBaseDelay: 0.01))
            try await bed.github.createBranch("argocd-image-pr/web", from: "main", owner: "octo", name: "charts")
            try await bed.github.commit(
                files: ["values.yaml": "tag: 2\n"], on: "argocd-image-pr/web", owner: "octo", name: "charts")

            let created = try await forge.createPullRequest(
                NewPullRequest(
                    title: "Update web", body: "new tag", head: "argocd-image-pr/web", base: "main",
                    labels: ["argocd-image-pr"]),
                in: bed.repository)
            let listed = try await forge.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(listed.map(\.number) == [created.number])
            #expect(listed.first?.labels == ["argocd-image-pr"])
            #expect(await bed.mints() == 1, "one installation token serves every call")

            let credentials = try #require(try await forge.currentGitCredentials(for: bed.repository))
            #expect(credentials.username == "x-access-token")
            #expect(await bed.github.issuedInstallationTokens() == [credentials.password])
            #expect(!"\(credentials)".contains(credentials.password))
            #expect(forge.gitCredentials(for: bed.repository) == nil, "a provider's token is only reached async")
            #expect(endpoint.description.contains("GitHub App 4242"))
        }
    }

    @Test func expiredInstallationTokenIsRefused() async throws {
        try await GitHubAppTestbed.with(tokenLifetime: 1) { bed in
            let token = try await bed.provider(refreshMargin: 0).token(for: bed.repository)
            let forge = GitHubForge(
                endpoint: GitHubAppTestbed.endpoint(bed.github, tokenProvider: StaticForgeToken(token)),
                options: ForgeHTTPOptions(retryBaseDelay: 0.01))
            _ = try await forge.pullRequests(in: bed.repository, headPrefix: "x/", state: nil)
            try await Task.sleep(for: .milliseconds(1200))
            let error = try await #require(throws: ForgeError.self) {
                try await forge.pullRequests(in: bed.repository, headPrefix: "x/", state: nil)
            }
            #expect(error.status == 401)
            #expect(!error.description.contains(token))
        }
    }

    @Test func notInstalledFailsTheForgeCallClearly() async throws {
        try await GitHubAppTestbed.with { bed in
            try await bed.github.createRepository(owner: "elsewhere", name: "infra")
            let endpoint = GitHubAppTestbed.endpoint(bed.github, tokenProvider: try bed.provider())
            let other = try ForgeRepository.parse(repoURL: "\(bed.github.baseURL)/elsewhere/infra", forges: [endpoint])
            let error = try await #require(throws: GitHubAppError.self) {
                try await GitHubForge(endpoint: endpoint).pullRequests(in: other, headPrefix: "x/", state: .open)
            }
            #expect(error.isNotInstalled)
        }
    }
}
