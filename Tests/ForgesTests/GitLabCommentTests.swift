import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitLab notes, access levels and award emoji against the fake GitLab")
struct GitLabCommentTests {
    static let notesRoute = "GET /projects/:id/merge_requests/:merge_request_iid/notes"

    @Test func notesSinceSkipSystemNotesAndStopPagingEarly() async throws {
        try await GitLabTestbed.with(options: ForgeHTTPOptions(retryBaseDelay: 0.01, pageSize: 2)) { bed in
            let web = try await bed.openBotMergeRequest("argocd-image-pr/web")
            let api = try await bed.openBotMergeRequest("argocd-image-pr/api")
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            for minute in 0..<5 {
                try await bed.gitlab.addNote(
                    to: web.number, author: "alice", body: "/pin frontend \(minute)",
                    at: start.addingTimeInterval(Double(minute) * 60), project: bed.project)
            }
            try await bed.gitlab.addNote(
                to: web.number, author: "alice", body: "assigned to @bob", at: start.addingTimeInterval(200),
                system: true, project: bed.project)
            try await bed.gitlab.addNote(
                to: api.number, author: "bob", body: "/skip", at: start.addingTimeInterval(90), project: bed.project)

            await bed.gitlab.resetCalls()
            let all = try await bed.forge.comments(in: bed.repository, since: nil)
            #expect(all.count == 6)
            #expect(all.map(\.body).filter { $0.hasPrefix("/pin") } == (0..<5).map { "/pin frontend \($0)" })
            #expect(!all.contains { $0.body.contains("assigned") })
            let skip = try #require(all.first { $0.body == "/skip" })
            #expect(skip.pullRequestNumber == api.number)
            #expect(skip.author == "bob")
            #expect(skip.url == "\(api.url)#note_\(skip.id)")
            #expect(all.map(\.updatedAt) == all.map(\.updatedAt).sorted())

            let recent = try await bed.forge.comments(in: bed.repository, since: start.addingTimeInterval(150))
            #expect(recent.map(\.body) == ["/pin frontend 3", "/pin frontend 4"])
            #expect(recent.first?.createdAt == start.addingTimeInterval(180))
            #expect(recent.allSatisfy { $0.pullRequestNumber == web.number })

            // Both merge requests were touched after `since`, but the older notes of each are not paged through.
            await bed.gitlab.resetCalls()
            _ = try await bed.forge.comments(in: bed.repository, since: start.addingTimeInterval(230))
            let noteCalls = await bed.gitlab.calls(of: Self.notesRoute)
            #expect(noteCalls.count == 2)
            #expect(noteCalls.allSatisfy { $0.query["order_by"] == "updated_at" && $0.query["sort"] == "desc" })
        }
    }

    @Test func notesSinceLeaveOutMergeRequestsNotTouchedSince() async throws {
        try await GitLabTestbed.with { bed in
            let request = try await bed.openBotMergeRequest("argocd-image-pr/web")
            try await bed.gitlab.addNote(to: request.number, author: "alice", body: "/help", project: bed.project)
            await bed.gitlab.resetCalls()
            let none = try await bed.forge.comments(in: bed.repository, since: Date().addingTimeInterval(3600))
            #expect(none.isEmpty)
            #expect(await bed.gitlab.calls(of: Self.notesRoute).isEmpty)
            #expect(await bed.gitlab.calls().count == 1)
        }
    }

    @Test func notesSinceReadOnlyMergeRequestsWithNotesByPeople() async throws {
        try await GitLabTestbed.with { bed in
            // Freshly opened, so touched after `since`: only the note count tells them apart.
            _ = try await bed.openBotMergeRequest("argocd-image-pr/web")
            let systemOnly = try await bed.openBotMergeRequest("argocd-image-pr/api")
            let discussed = try await bed.openBotMergeRequest("argocd-image-pr/db")
            try await bed.gitlab.addNote(
                to: systemOnly.number, author: "alice", body: "assigned to @bob", system: true, project: bed.project)
            try await bed.gitlab.addNote(to: discussed.number, author: "bob", body: "/skip", project: bed.project)
            await bed.gitlab.resetCalls()
            let found = try await bed.forge.comments(in: bed.repository, since: Date().addingTimeInterval(-3600))
            #expect(found.map(\.body) == ["/skip"])
            let read = await bed.gitlab.calls(of: Self.notesRoute).map(\.path)
            #expect(read.count == 1)
            #expect(read.allSatisfy { $0.hasSuffix("/merge_requests/\(discussed.number)/notes") })
        }
    }

    @Test func notesOfListedMergeRequestsNeedNoSecondListing() async throws {
        try await GitLabTestbed.with { bed in
            _ = try await bed.openBotMergeRequest("argocd-image-pr/web")
            let discussed = try await bed.openBotMergeRequest("argocd-image-pr/db")
            try await bed.gitlab.addNote(to: discussed.number, author: "bob", body: "/skip", project: bed.project)
            let open = try await bed.forge.pullRequests(
                in: bed.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(open.count == 2)
            await bed.gitlab.resetCalls()
            let since = Date().addingTimeInterval(-3600)
            let found = try await bed.forge.comments(on: open, in: bed.repository, since: since)
            #expect(found.map(\.body) == ["/skip"])
            #expect(await bed.gitlab.calls(of: FakeGitLabFailure.listMergeRequests).isEmpty)
            #expect(await bed.gitlab.calls(of: Self.notesRoute).count == 1)
            // Nothing changed since then: nothing is read.
            await bed.gitlab.resetCalls()
            #expect(
                try await bed.forge.comments(on: open, in: bed.repository, since: Date().addingTimeInterval(60)).isEmpty
            )
            #expect(await bed.gitlab.calls().isEmpty)
        }
    }

    @Test(arguments: [
        (10, AccessLevel.read, false), (15, .read, false), (20, .read, false), (30, .write, true),
        (40, .maintain, true), (50, .admin, true), (5, .read, false),
    ])
    func accessLevelMapping(level: Int, expected: AccessLevel, canWrite: Bool) async throws {
        try await GitLabTestbed.with { bed in
            await bed.gitlab.setAccessLevel(level, for: "alice", project: bed.project)
            let found = try await bed.forge.permission(of: "alice", in: bed.repository)
            #expect(found == expected)
            #expect(found.canWrite == canWrite)
            #expect(await bed.gitlab.calls(of: "GET /projects/:id/members/all/:user_id").count == 1)
        }
    }

    @Test func inheritedMembershipCountsAtItsHighestLevel() async throws {
        try await GitLabTestbed.with { bed in
            await bed.gitlab.setAccessLevel(20, for: "alice", project: bed.project)
            await bed.gitlab.setGroupAccessLevel(40, for: "alice", group: "platform")
            await bed.gitlab.setGroupAccessLevel(30, for: "bob", group: "platform/team")
            await bed.gitlab.setGroupAccessLevel(50, for: "carol", group: "elsewhere")
            await bed.gitlab.user("dave")
            var levels: [String: AccessLevel] = [:]
            for user in ["alice", "bob", "carol", "dave", "no-such-user"] {
                levels[user] = try await bed.forge.permission(of: user, in: bed.repository)
            }
            #expect(
                levels == [
                    "alice": .maintain, "bob": .write, "carol": AccessLevel.none, "dave": AccessLevel.none,
                    "no-such-user": AccessLevel.none,
                ])
        }
    }

    @Test func awardEmojiMarkCommandsOnce() async throws {
        try await GitLabTestbed.with { bed in
            let request = try await bed.openBotMergeRequest("argocd-image-pr/web")
            try await bed.gitlab.addNote(to: request.number, author: "alice", body: "/skip", project: bed.project)
            try await bed.gitlab.addNote(
                to: request.number, author: "mallory", body: "/pin", at: Date().addingTimeInterval(1),
                project: bed.project)
            let comments = try await bed.forge.comments(in: bed.repository, since: nil)
            try #require(comments.count == 2)
            try await bed.forge.react(to: comments[0], with: .done, in: bed.repository)
            try await bed.forge.react(to: comments[1], with: .refused, in: bed.repository)
            try await bed.forge.react(to: comments[1], with: .refused, in: bed.repository)
            let stored = await bed.gitlab.notes(project: bed.project)
            #expect(stored[0].awards.map(\.name) == ["thumbsup"])
            #expect(stored[1].awards.map(\.name) == ["thumbsdown"])
            let bot = await bed.gitlab.user(bed.gitlab.botUsername)
            #expect(stored[1].awards.first?.userID == bot.id)
        }
    }

    @Test func gitOverSmartHTTPTakesTheTokenAsOAuth2() async throws {
        try await GitLabTestbed.with { bed in
            let credentials = try #require(bed.forge.gitCredentials(for: bed.repository))
            #expect(credentials.username == "oauth2")
            #expect(credentials.password == bed.gitlab.token)
            #expect(!"\(credentials)".contains(bed.gitlab.token))
            let url = bed.repository.cloneURL
            #expect(url == bed.gitlab.cloneURL(project: bed.project))
            let authenticated = url.replacingOccurrences(of: "http://", with: "http://oauth2:\(credentials.password)@")
            let listing = try await GitCLI.run(["ls-remote", authenticated, "refs/heads/main"])
            #expect(listing.status == 0, "\(listing.output)")
            #expect(listing.output.contains("refs/heads/main"))
            let refused = try await GitCLI.run(["ls-remote", url])
            #expect(refused.status != 0)
        }
    }
}
