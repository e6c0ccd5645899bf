import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitLab merge requests against the fake GitLab")
struct GitLabMergeRequestTests {
    @Test func createListUpdateClose() async throws {
        try await GitLabTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/frontend")
            try await bed.pushBranch("feature/person")
            _ = try await bed.gitlab.openMergeRequest(
                source: "feature/person", target: "main", title: "A person's work", author: "alice",
                project: bed.project)
            let bob = await bed.gitlab.user("bob")
            let carol = await bed.gitlab.user("carol")

            let request = NewPullRequest(
                title: "Update frontend", body: "hello", head: "argocd-image-pr/frontend", base: "main",
                labels: ["argocd-image-pr", "images"], reviewers: ["bob"], assignees: ["Carol"])
            let created = try await bed.forge.createPullRequest(request, in: bed.repository)
            #expect(created.state == .open)
            #expect(created.number == 2)
            #expect(created.title == "Update frontend")
            #expect(created.body == "hello")
            #expect(created.labels == ["argocd-image-pr", "images"])
            #expect(created.baseBranch == "main")
            #expect(created.author == bed.gitlab.botUsername)
            #expect(created.url == "\(bed.gitlab.baseURL)/\(bed.project)/-/merge_requests/2")
            #expect(
                created.headSHA == (try await bed.gitlab.branchSHA("argocd-image-pr/frontend", project: bed.project)))

            let stored = try await bed.storedMergeRequest(created.number)
            #expect(stored.reviewerIDs == [bob.id])
            #expect(stored.assigneeIDs == [carol.id])
            #expect(!stored.draft)

            await bed.gitlab.resetCalls()
            let listed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(listed.map(\.number) == [created.number])
            let calls = await bed.gitlab.calls()
            #expect(calls.count == 1)
            #expect(calls.first?.query["state"] == "opened")
            #expect(calls.first?.query["per_page"] == "100")
            #expect(calls.first?.headers["private-token"] == bed.gitlab.token)

            let updated = try await bed.forge.updatePullRequest(
                number: created.number, title: "Update frontend to v2", body: nil, in: bed.repository)
            #expect(updated.title == "Update frontend to v2")
            #expect(updated.body == "hello")

            try await bed.forge.closePullRequest(number: created.number, comment: "Not needed", in: bed.repository)
            let all = try await bed.forge.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            #expect(all.map(\.state) == [.closed])
            let notes = await bed.gitlab.notes(project: bed.project)
            #expect(notes.map(\.body) == ["Not needed"])
            let close = await bed.gitlab.calls(of: "PUT /projects/:id/merge_requests/:merge_request_iid").last
            #expect(close?.body == #"{"state_event":"close"}"#)
        }
    }

    @Test func draftsStayDraftsAndReadWithoutTheMarker() async throws {
        try await GitLabTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/web")
            let created = try await bed.forge.createPullRequest(
                bed.newMergeRequest("argocd-image-pr/web", draft: true), in: bed.repository)
            #expect(created.title == "Update argocd-image-pr/web")
            #expect(try await bed.storedMergeRequest(created.number).title == "Draft: Update argocd-image-pr/web")
            #expect(try await bed.storedMergeRequest(created.number).draft)

            let updated = try await bed.forge.updatePullRequest(
                number: created.number, title: "New title", body: "new body", in: bed.repository)
            #expect(updated.title == "New title")
            #expect(updated.body == "new body")
            #expect(try await bed.storedMergeRequest(created.number).title == "Draft: New title")
        }
    }

    @Test func mergedAndClosedAreToldApart() async throws {
        try await GitLabTestbed.with { bed in
            let a = try await bed.openBotMergeRequest("argocd-image-pr/a")
            let b = try await bed.openBotMergeRequest("argocd-image-pr/b")
            try await bed.gitlab.closeMergeRequest(a.number, merged: true, project: bed.project)
            try await bed.gitlab.closeMergeRequest(b.number, merged: false, project: bed.project)
            let merged = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .merged)
            let declined = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .closed)
            let any = try await bed.forge.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            #expect(merged.map(\.number) == [a.number])
            #expect(declined.map(\.number) == [b.number])
            #expect(Set(any.map(\.state)) == [.merged, .closed])
        }
    }

    @Test(arguments: [true, false])
    func listFollowsPagination(linkHeaders: Bool) async throws {
        try await GitLabTestbed.with(options: ForgeHTTPOptions(retryBaseDelay: 0.01, pageSize: 2)) { bed in
            await bed.gitlab.setLinkHeaders(linkHeaders)
            var numbers: [Int] = []
            for index in 1...5 {
                numbers.append(try await bed.openBotMergeRequest("argocd-image-pr/app\(index)").number)
            }
            await bed.gitlab.resetCalls()
            let listed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(Set(listed.map(\.number)) == Set(numbers))
            #expect(listed.count == 5)
            let calls = await bed.gitlab.calls(of: "GET /projects/:id/merge_requests")
            #expect(calls.map { $0.query["page"] ?? "1" } == ["1", "2", "3"])
        }
    }

    @Test func secondMergeRequestForTheSameBranchIsRecognised() async throws {
        try await GitLabTestbed.with { bed in
            _ = try await bed.openBotMergeRequest("argocd-image-pr/frontend")
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.createPullRequest(
                    bed.newMergeRequest("argocd-image-pr/frontend"), in: bed.repository)
            }
            #expect(error.isPullRequestAlreadyExists)
            #expect(error.status == 409)
            #expect("\(error)".contains("argocd-image-pr/frontend"))
            #expect("\(error)".contains("Another open merge request already exists for this source branch: !1"))
        }
    }

    @Test func closeThenDeleteBranchIsIdempotent() async throws {
        try await GitLabTestbed.with { bed in
            let request = try await bed.openBotMergeRequest("argocd-image-pr/old")
            try await bed.forge.closePullRequest(number: request.number, comment: nil, in: bed.repository)
            try await bed.forge.deleteBranch("argocd-image-pr/old", in: bed.repository)
            #expect(try await bed.gitlab.branchSHA("argocd-image-pr/old", project: bed.project) == nil)
            try await bed.forge.deleteBranch("argocd-image-pr/old", in: bed.repository)
            let deletes = await bed.gitlab.calls(of: "DELETE /projects/:id/repository/branches/:branch")
            #expect(deletes.map(\.status) == [204, 404])
            #expect(deletes.first?.path.hasSuffix("/repository/branches/argocd-image-pr%2Fold") == true)
            #expect(await bed.gitlab.notes(project: bed.project).isEmpty)
        }
    }

    @Test func labelsReviewersAndAssigneesOnAnExistingMergeRequest() async throws {
        try await GitLabTestbed.with { bed in
            let dave = await bed.gitlab.user("dave")
            let erin = await bed.gitlab.user("erin")
            let frank = await bed.gitlab.user("frank")
            let request = try await bed.openBotMergeRequest("argocd-image-pr/x")
            try await bed.forge.addLabels(["argocd-image-pr"], to: request.number, in: bed.repository)
            try await bed.forge.addLabels(["images"], to: request.number, in: bed.repository)
            try await bed.forge.addLabels([], to: request.number, in: bed.repository)
            try await bed.forge.requestReviewers(["dave"], on: request.number, in: bed.repository)
            try await bed.forge.requestReviewers(["@frank", "dave"], on: request.number, in: bed.repository)
            try await bed.forge.addAssignees(["erin"], to: request.number, in: bed.repository)
            let stored = try await bed.storedMergeRequest(request.number)
            #expect(stored.labels == ["argocd-image-pr", "images"])
            #expect(stored.reviewerIDs == [dave.id, frank.id])
            #expect(stored.assigneeIDs == [erin.id])
            let error = try await #require(throws: ForgeError.self) {
                try await bed.forge.requestReviewers(["nobody-here"], on: request.number, in: bed.repository)
            }
            #expect(error.isNotFound)
            #expect("\(error)".contains("nobody-here"))
        }
    }

    @Test func unknownReviewersDoNotKeepTheMergeRequestFromOpening() async throws {
        try await GitLabTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/y")
            var new = bed.newMergeRequest("argocd-image-pr/y")
            new.reviewers = ["ghost"]
            let created = try await bed.forge.createPullRequest(new, in: bed.repository)
            #expect(try await bed.storedMergeRequest(created.number).reviewerIDs.isEmpty)
        }
    }

    @Test(arguments: [
        ("", "platform/team/charts"), ("/gitlab", "platform/team/charts"), ("/git/lab", "solo/charts"),
        ("", "a/b/c/d/charts"),
    ])
    func subgroupsAndPathPrefixes(prefix: String, project: String) async throws {
        try await GitLabTestbed.with(project: project, pathPrefix: prefix) { bed in
            #expect(bed.repository.path == project)
            #expect(bed.endpoint.apiBaseURL == bed.gitlab.baseURL + "/api/v4")
            let request = try await bed.openBotMergeRequest("argocd-image-pr/web")
            try await bed.forge.comment(on: request.number, body: "hi", in: bed.repository)
            let listed = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: nil)
            #expect(listed.map(\.number) == [request.number])
            #expect(request.url == "\(bed.gitlab.baseURL)/\(project)/-/merge_requests/\(request.number)")
            let encoded = project.replacingOccurrences(of: "/", with: "%2F")
            let calls = await bed.gitlab.calls().filter { $0.route != "git" }
            #expect(!calls.isEmpty)
            #expect(calls.allSatisfy { $0.path.hasPrefix(prefix + "/api/v4/") })
            #expect(
                calls.filter { $0.path.contains("/projects/") }.allSatisfy { $0.path.contains("/projects/\(encoded)/") }
            )

            let credentials = try #require(bed.forge.gitCredentials(for: bed.repository))
            let url = bed.repository.cloneURL.replacingOccurrences(
                of: "http://", with: "http://\(credentials.username):\(credentials.password)@")
            let listing = try await GitCLI.run(["ls-remote", url, "refs/heads/argocd-image-pr/web"])
            #expect(listing.status == 0, "\(listing.output)")
            #expect(listing.output.contains(request.headSHA))
        }
    }
}
