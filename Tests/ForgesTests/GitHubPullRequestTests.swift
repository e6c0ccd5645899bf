import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitHub pull requests against the fake GitHub")
struct GitHubPullRequestTests {
    @Test func createListUpdateClose() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/frontend")
            try await bed.pushBranch("feature/person")
            _ = try await bed.github.openPullRequest(
                head: "feature/person", base: "main", title: "A person's work", author: "alice",
                owner: GitHubTestbed.owner, name: GitHubTestbed.name)

            let request = NewPullRequest(
                title: "Update frontend", body: "hello", head: "argocd-image-pr/frontend", base: "main",
                labels: ["argocd-image-pr", "images"], reviewers: ["bob"], assignees: ["carol"])
            let created = try await bed.forge.createPullRequest(request, in: bed.repository)
            #expect(created.state == .open)
            #expect(created.title == "Update frontend")
            #expect(created.labels == ["argocd-image-pr", "images"])
            #expect(created.baseBranch == "main")
            #expect(created.author == bed.github.botLogin)
            let sha = try await bed.github.branchSHA(
                "argocd-image-pr/frontend", owner: GitHubTestbed.owner, name: GitHubTestbed.name)
            #expect(created.headSHA == sha)

            let stored = try #require(
                try await bed.github.pullRequests(owner: GitHubTestbed.owner, name: GitHubTestbed.name)
                    .first { $0.number == created.number })
            #expect(stored.reviewers == ["bob"])
            #expect(stored.assignees == ["carol"])

            await bed.github.resetCalls()
            let listed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(listed.map(\.number) == [created.number])
            #expect(await bed.github.calls().count == 1)

            let updated = try await bed.forge.updatePullRequest(
                number: created.number, title: "Update frontend to v2", body: nil, in: bed.repository)
            #expect(updated.title == "Update frontend to v2")
            #expect(updated.body == "hello")

            try await bed.forge.closePullRequest(number: created.number, comment: "Not needed", in: bed.repository)
            let closed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            #expect(closed.map(\.state) == [.closed])
            let comments = await bed.github.comments(owner: GitHubTestbed.owner, name: GitHubTestbed.name)
            #expect(comments.map(\.body) == ["Not needed"])
        }
    }

    @Test func mergedAndClosedAreToldApart() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/a")
            try await bed.pushBranch("argocd-image-pr/b")
            let a = try await bed.forge.createPullRequest(bed.newPullRequest("argocd-image-pr/a"), in: bed.repository)
            let b = try await bed.forge.createPullRequest(bed.newPullRequest("argocd-image-pr/b"), in: bed.repository)
            try await bed.github.closePullRequest(a.number, merged: true, owner: "octo", name: "charts")
            try await bed.github.closePullRequest(b.number, merged: false, owner: "octo", name: "charts")
            let merged = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .merged)
            let declined = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .closed)
            #expect(merged.map(\.number) == [a.number])
            #expect(declined.map(\.number) == [b.number])
        }
    }

    @Test func listFollowsPagination() async throws {
        try await GitHubTestbed.with(options: ForgeHTTPOptions(retryBaseDelay: 0.01, pageSize: 2)) { bed in
            var numbers: [Int] = []
            for index in 1...5 {
                try await bed.pushBranch("argocd-image-pr/app\(index)")
                numbers.append(
                    try await bed.forge.createPullRequest(
                        bed.newPullRequest("argocd-image-pr/app\(index)"), in: bed.repository
                    ).number)
            }
            await bed.github.resetCalls()
            let listed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(Set(listed.map(\.number)) == Set(numbers))
            #expect(listed.count == 5)
            #expect(await bed.github.calls(of: "pulls/list").count == 3)
        }
    }

    @Test func secondPullRequestForTheSameBranchIsRecognised() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/frontend")
            _ = try await bed.forge.createPullRequest(
                bed.newPullRequest("argocd-image-pr/frontend"), in: bed.repository)
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.createPullRequest(
                    bed.newPullRequest("argocd-image-pr/frontend"), in: bed.repository)
            }
            #expect(error.isPullRequestAlreadyExists)
            #expect(error.status == 422)
            #expect("\(error)".contains("argocd-image-pr/frontend"))
        }
    }

    @Test func deleteBranchRemovesItFromGitAndIsIdempotent() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/old")
            let pull = try await bed.forge.createPullRequest(
                bed.newPullRequest("argocd-image-pr/old"), in: bed.repository)
            try await bed.forge.deleteBranch("argocd-image-pr/old", in: bed.repository)
            #expect(try await bed.github.branchSHA("argocd-image-pr/old", owner: "octo", name: "charts") == nil)
            try await bed.forge.deleteBranch("argocd-image-pr/old", in: bed.repository)
            let listed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            #expect(listed.first { $0.number == pull.number }?.state == .closed)
        }
    }

    @Test func labelsReviewersAndAssigneesOnAnExistingPullRequest() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/x")
            let pull = try await bed.forge.createPullRequest(
                bed.newPullRequest("argocd-image-pr/x"), in: bed.repository)
            try await bed.forge.addLabels(["argocd-image-pr"], to: pull.number, in: bed.repository)
            try await bed.forge.addLabels([], to: pull.number, in: bed.repository)
            try await bed.forge.requestReviewers(["dave"], on: pull.number, in: bed.repository)
            try await bed.forge.addAssignees(["erin"], to: pull.number, in: bed.repository)
            let stored = try #require(try await bed.github.pullRequests(owner: "octo", name: "charts").first)
            #expect(stored.labels == ["argocd-image-pr"])
            #expect(stored.reviewers == ["dave"])
            #expect(stored.assignees == ["erin"])
            // Asking the author to review is refused by GitHub.
            await #expect(throws: ForgeError.self) {
                try await bed.forge.requestReviewers([bed.github.botLogin], on: pull.number, in: bed.repository)
            }
        }
    }
}
