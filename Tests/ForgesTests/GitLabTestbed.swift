import Forges
import Foundation
import TestSupport
import Testing

/// A fake GitLab with one project (by default `platform/team/charts`, a subgroup path; branch `main`) and a
/// client pointed at it.
struct GitLabTestbed {
    let gitlab: FakeGitLab
    let forge: GitLabForge
    let endpoint: ForgeEndpoint
    let repository: ForgeRepository
    let project: String

    static let project = "platform/team/charts"

    /// Runs `body`, then checks that every request fitted the documented API and stops the server.
    static func with(
        options: ForgeHTTPOptions = ForgeHTTPOptions(retryBaseDelay: 0.01, maxRateLimitWait: 5),
        project: String = project, pathPrefix: String = "", token: String? = nil, jobToken: String? = nil,
        environment: [String: String] = [:],
        _ body: (GitLabTestbed) async throws -> Void
    ) async throws {
        let gitlab = try await FakeGitLab.start(jobToken: jobToken, pathPrefix: pathPrefix)
        do {
            try await gitlab.createProject(project, files: ["README.md": "charts\n"])
            let endpoint = ForgeEndpoint(url: gitlab.baseURL, kind: .gitlab, token: token ?? gitlab.token)
            let repository = try ForgeRepository.parse(repoURL: "\(gitlab.baseURL)/\(project).git", forges: [endpoint])
            let forge = GitLabForge(endpoint: endpoint, options: options, environment: environment)
            try await body(
                GitLabTestbed(
                    gitlab: gitlab, forge: forge, endpoint: endpoint, repository: repository, project: project))
            let violations = await gitlab.violations()
            #expect(violations.isEmpty, "GitLab API violations: \(violations)")
        } catch {
            await gitlab.stop()
            throw error
        }
        await gitlab.stop()
    }

    /// A branch with one commit more than `main`.
    func pushBranch(_ branch: String, file: String = "values.yaml") async throws {
        try await gitlab.createBranch(branch, from: "main", project: project)
        try await gitlab.commit(
            files: [file: "tag: \(branch)\n"], on: branch, message: "update \(branch)", project: project)
    }

    func newMergeRequest(_ branch: String, labels: [String] = [], draft: Bool = false) -> NewPullRequest {
        NewPullRequest(
            title: "Update \(branch)", body: "body of \(branch)", head: branch, base: "main", draft: draft,
            labels: labels)
    }

    /// Opens the bot's merge request for a freshly pushed branch.
    func openBotMergeRequest(_ branch: String) async throws -> PullRequest {
        try await pushBranch(branch)
        return try await forge.createPullRequest(newMergeRequest(branch), in: repository)
    }

    func storedMergeRequest(_ iid: Int) async throws -> FakeMergeRequestRecord {
        try #require(try await gitlab.mergeRequests(project: project).first { $0.iid == iid })
    }
}
