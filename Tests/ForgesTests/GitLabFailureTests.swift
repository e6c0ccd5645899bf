import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitLab failures, rate limits, job tokens and secrets")
struct GitLabFailureTests {
    static let list = FakeGitLabFailure.listMergeRequests
    static let create = FakeGitLabFailure.createMergeRequest

    @Test func forbiddenCreateNamesTheTokenThatIsNeeded() async throws {
        try await GitLabTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/web")
            await bed.gitlab.inject(.createForbidden())
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.createPullRequest(bed.newMergeRequest("argocd-image-pr/web"), in: bed.repository)
            }
            #expect(error.isPermissionDenied)
            #expect(error.status == 403)
            let text = "\(error)"
            #expect(text.contains("`api` scope"))
            #expect(text.contains("Developer"))
            #expect(text.contains("project or group access token"))
            #expect(text.contains("GitLab create merge request in platform/team/charts"))
            #expect(await bed.gitlab.calls(of: Self.create).count == 1)
        }
    }

    @Test func throttlingWaitsForRetryAfterThenSucceeds() async throws {
        try await GitLabTestbed.with { bed in
            await bed.gitlab.inject(.throttled(Self.list, retryAfter: 1))
            let clock = ContinuousClock()
            let started = clock.now
            let listed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            #expect(listed.isEmpty)
            #expect(clock.now - started >= .seconds(1))
            #expect(await bed.gitlab.calls(of: Self.list).map(\.status) == [429, 200])
        }
    }

    @Test func throttlingLongerThanTheRunWaitsFailsAtOnce() async throws {
        try await GitLabTestbed.with { bed in
            await bed.gitlab.inject(.throttled(Self.list, retryAfter: 3600))
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            }
            #expect(error.isRateLimited)
            #expect(error.status == 429)
            #expect("\(error)".contains("Retry later"))
            #expect(await bed.gitlab.calls(of: Self.list).count == 1)
        }
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        try await GitLabTestbed.with { bed in
            await bed.gitlab.inject(.serverError(Self.list, status: 502, times: 10))
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            }
            #expect(error.status == 502)
            #expect("\(error)".contains("GitLab list merge requests in platform/team/charts"))
            #expect(await bed.gitlab.calls(of: Self.list).count == 4)
        }
    }

    @Test func oneServerErrorIsRetriedToSuccess() async throws {
        try await GitLabTestbed.with { bed in
            let request = try await bed.openBotMergeRequest("argocd-image-pr/web")
            try await bed.gitlab.addNote(to: request.number, author: "alice", body: "/help", project: bed.project)
            await bed.gitlab.inject(.serverError(FakeGitLabFailure.listNotes, status: 503))
            let comments = try await bed.forge.comments(in: bed.repository, since: nil)
            #expect(comments.map(\.body) == ["/help"])
            #expect(await bed.gitlab.calls(of: FakeGitLabFailure.listNotes).map(\.status) == [503, 200])
        }
    }

    @Test func postsAreNotRetriedAfterServerErrors() async throws {
        try await GitLabTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/web")
            await bed.gitlab.inject(.serverError(Self.create, status: 500))
            await #expect(throws: ForgeError.self) {
                try await bed.forge.createPullRequest(bed.newMergeRequest("argocd-image-pr/web"), in: bed.repository)
            }
            #expect(await bed.gitlab.calls(of: Self.create).count == 1)
        }
    }

    @Test func tokensNeverAppearInErrors() async throws {
        try await GitLabTestbed.with { bed in
            let token = bed.gitlab.token
            await bed.gitlab.inject(
                FakeGitLabFailure(route: Self.list, status: 400, message: "bad request from \(token)"))
            let echoed = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "x", state: nil)
            }
            #expect(!"\(echoed)".contains(token))
            #expect("\(echoed)".contains("***"))
            #expect(!"\(bed.endpoint)".contains(token))
        }
    }

    @Test func aWrongTokenIsReportedWithoutShowingIt() async throws {
        try await GitLabTestbed.with(token: "glpat-wrong-token-xyz") { bed in
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "x", state: nil)
            }
            #expect(error.status == 401)
            #expect(error.isPermissionDenied)
            #expect("\(error)".contains("401 Unauthorized"))
            #expect(!"\(error)".contains("glpat-wrong-token-xyz"))
            #expect(!"\(error)".contains("CI_JOB_TOKEN"))
        }
    }

    @Test func inGitLabCIAnUnauthorizedTokenGetsTheJobTokenAdvice() async throws {
        try await GitLabTestbed.with(token: "some-other-token", environment: ["GITLAB_CI": "true"]) { bed in
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "x", state: nil)
            }
            #expect(error.status == 401)
            #expect("\(error)".contains("$CI_JOB_TOKEN"))
            #expect("\(error)".contains("project or group access token"))
        }
    }

    @Test(arguments: ["env", "prefix"])
    func aJobTokenReadsButNeverWrites(detectedBy: String) async throws {
        let jobToken = detectedBy == "env" ? "job-token-64f1c" : "glcbt-64_job-token"
        let environment = detectedBy == "env" ? ["CI_JOB_TOKEN": jobToken, "GITLAB_CI": "true"] : [:]
        try await GitLabTestbed.with(token: jobToken, jobToken: jobToken, environment: environment) { bed in
            let request = try await bed.gitlab.openMergeRequest(
                source: "main", target: "main", title: "x", author: "alice", project: bed.project)
            try await bed.gitlab.addNote(to: request, author: "alice", body: "/help", project: bed.project)
            let listed = try await bed.forge.pullRequests(in: bed.repository, headPrefix: "", state: .open)
            #expect(listed.map(\.number) == [request])
            #expect(try await bed.forge.comments(in: bed.repository, since: nil).map(\.body) == ["/help"])
            #expect(await bed.gitlab.calls().allSatisfy { $0.headers["job-token"] == jobToken })

            try await bed.pushBranch("argocd-image-pr/web")
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.createPullRequest(bed.newMergeRequest("argocd-image-pr/web"), in: bed.repository)
            }
            #expect(error.isPermissionDenied)
            let text = "\(error)"
            #expect(text.contains("$CI_JOB_TOKEN"))
            #expect(text.contains("cannot create"))
            #expect(text.contains("project or group access token"))
            #expect(text.contains("`api` scope"))
            #expect(!text.contains(jobToken))
            await #expect(throws: ForgeError.self) {
                try await bed.forge.comment(on: request, body: "hi", in: bed.repository)
            }
            await #expect(throws: ForgeError.self) {
                try await bed.forge.permission(of: "alice", in: bed.repository)
            }
            #expect(await bed.gitlab.writeCalls().isEmpty)
            #expect(bed.forge.gitCredentials(for: bed.repository)?.username == "gitlab-ci-token")
        }
    }

    @Test func aProjectOfAnotherForgeIsRefused() async throws {
        try await GitLabTestbed.with { bed in
            let other = try ForgeRepository.parse(repoURL: "https://gitlab.com/group/charts", forges: [])
            await #expect(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: other, headPrefix: "x", state: nil)
            }
            #expect(bed.forge.gitCredentials(for: other) == nil)
            let github = try ForgeRepository.parse(repoURL: "https://github.com/octo/charts", forges: [])
            await #expect(throws: ForgeError.self) {
                try await bed.forge.comment(on: 1, body: "x", in: github)
            }
            #expect(await bed.gitlab.calls().isEmpty)
        }
    }
}
