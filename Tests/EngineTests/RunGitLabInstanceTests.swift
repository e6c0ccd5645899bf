import Foundation
import GitClient
import TestSupport
import Testing

@testable import Engine

/// Where a GitLab project lives and which token reaches it: subgroups, a self-managed instance below a path
/// prefix, git over HTTP as `oauth2:<token>`, and a CI/CD job token that may not open merge requests.
@Suite("run on GitLab instances and tokens", .serialized)
struct RunGitLabInstanceTests {
    @Test(arguments: [
        ("group/sub/charts", ""),
        ("platform/kubernetes-example-helm", "/gitlab"),
        ("group/sub/charts", "/tools/gitlab"),
    ])
    func subgroupsAndPathPrefixes(project: String, pathPrefix: String) async throws {
        let fixture = try await RunGitLabFixture.make(project: project, pathPrefix: pathPrefix)
        defer { Task { await fixture.stop() } }
        #expect(fixture.gitlab.baseURL.hasSuffix(pathPrefix))

        let first = try await fixture.run()
        #expect(first.plan.allErrors == [])
        let requests = try await fixture.openMergeRequests()
        #expect(requests.map(\.sourceBranch) == ["argocd-image-pr/example", "argocd-image-pr/staging"])
        let opened = first.actions.filter { $0.kind == .openedPullRequest }.map(\.line)
        #expect(opened.count == 2)
        #expect(
            opened.allSatisfy { $0.contains("\(fixture.gitlab.baseURL)/\(project)/-/merge_requests/") }, "\(opened)")

        // Every API call names the project by its URL-encoded full path, below the instance's prefix, with the
        // access token as PRIVATE-TOKEN; git went through the same prefix.
        let encoded = project.replacingOccurrences(of: "/", with: "%2F")
        let calls = await fixture.gitlab.calls()
        let api = calls.filter { $0.route != "git" }
        #expect(!api.isEmpty)
        for call in api {
            #expect(call.path.hasPrefix("\(pathPrefix)/api/v4/projects/\(encoded)/"), "\(call)")
            #expect(call.headers["private-token"] == fixture.gitlab.token, "\(call)")
            #expect(call.headers["job-token"] == nil)
        }
        let git = calls.filter { $0.route == "git" }
        #expect(git.contains { $0.path.hasSuffix("/git-receive-pack") })
        #expect(git.allSatisfy { $0.path.hasPrefix("\(pathPrefix)/\(project).git/") && $0.status == 200 }, "\(git)")
        #expect(await fixture.gitlab.violations() == [])

        await fixture.gitlab.resetCalls()
        let second = try await fixture.run()
        #expect(second.plan.allErrors == [])
        #expect(await fixture.gitlab.writeCalls().map(\.description) == [])
        #expect(await fixture.openListCalls().count == 1)
    }

    @Test func gitOverHTTPUsesTheOAuth2UserWithTheConfiguredToken() async throws {
        let configuration = BotConfiguration(forges: [
            ForgeSettings(url: "https://git.example.com/gitlab", type: .gitlab, tokenEnv: "MY_GITLAB")
        ])
        let lookup = GitCredentialLookup(
            forges: configuration.forges, environment: ["MY_GITLAB": "glpat-abc", "GITLAB_TOKEN": "glpat-other"])
        guard
            case .token(let user, let password) = lookup.credentials(
                for: "https://git.example.com/gitlab/group/sub/charts.git")
        else {
            Issue.record("no credentials for the configured GitLab")
            return
        }
        #expect(user == "oauth2")
        #expect(password == "glpat-abc")
    }

    @Test(arguments: [
        // The token equals $CI_JOB_TOKEN, as in a GitLab CI job that passes it on.
        ("ci-job-token-value-0123456789", true),
        // A job token recognised by its prefix alone.
        ("glcbt-64_job-token-value-0123456789", false),
    ])
    func jobTokenSaysItCannotCreateMergeRequests(token: String, inEnvironment: Bool) async throws {
        let fixture = try await RunGitLabFixture.make(
            token: token, jobToken: token, extraEnvironment: inEnvironment ? ["CI_JOB_TOKEN": token] : [:])
        defer { Task { await fixture.stop() } }
        let branches = try fixture.branches()

        let result = try await fixture.run()
        #expect(result.hasErrors)
        let errors = result.plan.allErrors
        #expect(errors.count == 2, "\(errors)")
        for error in errors {
            #expect(error.contains("job token"), "\(error)")
            #expect(error.contains("cannot create"), "\(error)")
            #expect(error.contains("project or group access token"), "\(error)")
            #expect(!error.contains(token))
        }
        // Refused before anything was written: no branch pushed, no write call, no merge request.
        #expect(try fixture.branches() == branches)
        #expect(await fixture.gitlab.writeCalls().map(\.description) == [])
        #expect(try await fixture.mergeRequests().isEmpty)
        #expect(await fixture.gitlab.calls().allSatisfy { $0.headers["private-token"] == nil })
        #expect(await fixture.gitlab.violations() == [])
    }
}
