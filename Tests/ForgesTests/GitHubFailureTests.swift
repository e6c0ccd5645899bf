import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitHub failures, rate limits and secrets")
struct GitHubFailureTests {
    @Test func forbiddenCreateNamesTheMissingPermission() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/web")
            await bed.github.inject(.createForbidden())
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.createPullRequest(bed.newPullRequest("argocd-image-pr/web"), in: bed.repository)
            }
            #expect(error.isPermissionDenied)
            #expect(error.status == 403)
            let text = "\(error)"
            #expect(text.contains("pull-requests: write"))
            #expect(text.contains("Pull requests: read and write"))
            #expect(text.contains("octo/charts"))
            #expect(await bed.github.calls(of: "pulls/create").count == 1)
        }
    }

    @Test func secondaryRateLimitWaitsForRetryAfter() async throws {
        try await GitHubTestbed.with { bed in
            await bed.github.inject(.secondaryRateLimit("pulls/list", retryAfter: 1))
            let clock = ContinuousClock()
            let started = clock.now
            let listed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            #expect(listed.isEmpty)
            #expect(clock.now - started >= .seconds(1))
            #expect(await bed.github.calls(of: "pulls/list").map(\.status) == [403, 200])
        }
    }

    @Test func primaryRateLimitWithDistantResetFailsAtOnce() async throws {
        try await GitHubTestbed.with { bed in
            await bed.github.inject(.primaryRateLimit("pulls/list", resetIn: 3600))
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            }
            #expect(error.isRateLimited)
            #expect(await bed.github.calls(of: "pulls/list").count == 1)
        }
    }

    @Test func primaryRateLimitWithNearResetWaitsAndSucceeds() async throws {
        try await GitHubTestbed.with { bed in
            await bed.github.inject(.primaryRateLimit("pulls/list", resetIn: 1))
            _ = try await bed.forge.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            #expect(await bed.github.calls(of: "pulls/list").map(\.status) == [403, 200])
        }
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        try await GitHubTestbed.with { bed in
            await bed.github.inject(.serverError("pulls/list", status: 502, times: 10))
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            }
            #expect(error.status == 502)
            #expect("\(error)".contains("GitHub list pull requests in octo/charts"))
            #expect(await bed.github.calls(of: "pulls/list").count == 4)
        }
    }

    @Test func oneServerErrorIsRetriedToSuccess() async throws {
        try await GitHubTestbed.with { bed in
            await bed.github.inject(.serverError("issues/list-comments-for-repo", status: 503))
            _ = try await bed.forge.comments(in: bed.repository, since: nil)
            #expect(await bed.github.calls(of: "issues/list-comments-for-repo").map(\.status) == [503, 200])
        }
    }

    @Test func postsAreNotRetriedAfterServerErrors() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/web")
            await bed.github.inject(.serverError("pulls/create", status: 500))
            await #expect(throws: ForgeError.self) {
                try await bed.forge.createPullRequest(bed.newPullRequest("argocd-image-pr/web"), in: bed.repository)
            }
            #expect(await bed.github.calls(of: "pulls/create").count == 1)
        }
    }

    @Test func tokensNeverAppearInErrors() async throws {
        try await GitHubTestbed.with { bed in
            let token = bed.github.token
            await bed.github.inject(
                FakeGitHubFailure(operationID: "pulls/list", status: 422, message: "bad request from \(token)"))
            let echoed = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "x", state: nil)
            }
            #expect(!"\(echoed)".contains(token))
            #expect("\(echoed)".contains("***"))
            #expect(!"\(bed.endpoint)".contains(token))
        }
    }

    @Test func aWrongTokenIsReportedWithoutShowingIt() async throws {
        try await GitHubTestbed.with(token: "ghp_wrong-token-xyz") { bed in
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: bed.repository, headPrefix: "x", state: nil)
            }
            #expect(error.status == 401)
            #expect(error.isPermissionDenied)
            #expect(!"\(error)".contains("ghp_wrong-token-xyz"))
        }
    }

    @Test func aRepositoryOfAnotherForgeIsRefused() async throws {
        try await GitHubTestbed.with { bed in
            let other = try ForgeRepository.parse(repoURL: "https://github.com/octo/charts", forges: [])
            await #expect(throws: ForgeError.self) {
                try await bed.forge.pullRequests(in: other, headPrefix: "x", state: nil)
            }
            #expect(bed.forge.gitCredentials(for: other) == nil)
        }
    }
}
