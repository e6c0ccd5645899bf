import Forges
import Foundation
import TestSupport
import Testing

/// A fake GitHub with one repository `octo/charts` (branch `main`) and a client pointed at it.
struct GitHubTestbed {
    let github: FakeGitHub
    let forge: GitHubForge
    let endpoint: ForgeEndpoint
    let repository: ForgeRepository

    static let owner = "octo"
    static let name = "charts"

    /// Runs `body`, then checks that every exchange fitted the OpenAPI description and stops the server.
    static func with(
        options: ForgeHTTPOptions = ForgeHTTPOptions(retryBaseDelay: 0.01, maxRateLimitWait: 5),
        token: String? = nil,
        _ body: (GitHubTestbed) async throws -> Void
    ) async throws {
        let github = try await FakeGitHub.start()
        do {
            try await github.createRepository(owner: owner, name: name, files: ["README.md": "charts\n"])
            let endpoint = ForgeEndpoint(url: github.baseURL, kind: .github, token: token ?? github.token)
            let repository = try ForgeRepository.parse(repoURL: "\(github.baseURL)/octo/charts.git", forges: [endpoint])
            let testbed = GitHubTestbed(
                github: github, forge: GitHubForge(endpoint: endpoint, options: options), endpoint: endpoint,
                repository: repository)
            try await body(testbed)
            let violations = await github.violations()
            #expect(violations.isEmpty, "OpenAPI violations: \(violations)")
        } catch {
            await github.stop()
            throw error
        }
        await github.stop()
    }

    /// A branch with one commit more than `main`.
    func pushBranch(_ branch: String, file: String = "values.yaml") async throws {
        try await github.createBranch(branch, from: "main", owner: Self.owner, name: Self.name)
        try await github.commit(
            files: [file: "tag: \(branch)\n"], on: branch, message: "update \(branch)", owner: Self.owner,
            name: Self.name)
    }

    func newPullRequest(_ branch: String, labels: [String] = []) -> NewPullRequest {
        NewPullRequest(title: "Update \(branch)", body: "body of \(branch)", head: branch, base: "main", labels: labels)
    }
}
