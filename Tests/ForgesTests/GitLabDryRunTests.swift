import Forges
import Foundation
import TestSupport
import Testing

@Suite("DryRunForge over GitLab")
struct GitLabDryRunTests {
    @Test func writesArePrintedNotMadeAndReadsAreForwarded() async throws {
        try await GitLabTestbed.with { bed in
            let real = try await bed.openBotMergeRequest("argocd-image-pr/web")
            try await bed.gitlab.addNote(to: real.number, author: "alice", body: "/help", project: bed.project)
            await bed.gitlab.setAccessLevel(30, for: "alice", project: bed.project)
            await bed.gitlab.resetCalls()

            let printed = PrintedLines()
            let dryRun = DryRunForge(wrapping: bed.forge) { line in printed.append(line) }
            let listed = try await dryRun.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(listed.map(\.number) == [real.number])
            let comments = try await dryRun.comments(in: bed.repository, since: nil)
            let level = try await dryRun.permission(of: "alice", in: bed.repository)
            #expect(level == .write)

            _ = try await dryRun.createPullRequest(
                NewPullRequest(title: "New", body: "b", head: "argocd-image-pr/api", base: "main", labels: ["l"]),
                in: bed.repository)
            _ = try await dryRun.updatePullRequest(number: real.number, title: "T", body: "B", in: bed.repository)
            try await dryRun.addLabels(["argocd-image-pr"], to: real.number, in: bed.repository)
            try await dryRun.requestReviewers(["bob"], on: real.number, in: bed.repository)
            try await dryRun.addAssignees(["carol"], to: real.number, in: bed.repository)
            try await dryRun.comment(on: real.number, body: "hi", in: bed.repository)
            try await dryRun.react(to: try #require(comments.first), with: .done, in: bed.repository)
            try await dryRun.closePullRequest(number: real.number, comment: "bye", in: bed.repository)
            try await dryRun.deleteBranch("argocd-image-pr/web", in: bed.repository)

            #expect(await bed.gitlab.writeCalls().isEmpty)
            let writes = await dryRun.writes()
            #expect(writes.count == 9)
            #expect(writes == printed.lines)
            #expect(writes.allSatisfy { $0.hasSuffix(" in \(bed.project)") })
            #expect(try await bed.gitlab.branchSHA("argocd-image-pr/web", project: bed.project) != nil)
            #expect(try await bed.storedMergeRequest(real.number).state == "opened")
        }
    }
}
