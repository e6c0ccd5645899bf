import Forges
import Foundation
import TestSupport
import Testing

@Suite("DryRunForge")
struct DryRunForgeTests {
    @Test func writesArePrintedNotMadeAndReadsAreForwarded() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/web")
            let real = try await bed.forge.createPullRequest(
                bed.newPullRequest("argocd-image-pr/web"), in: bed.repository)
            try await bed.github.addComment(
                to: real.number, author: "alice", body: "/help", owner: "octo", name: "charts")
            await bed.github.resetCalls()

            let printed = PrintedLines()
            let dryRun = DryRunForge(wrapping: bed.forge) { line in printed.append(line) }
            let listed = try await dryRun.pullRequests(in: bed.repository, headPrefix: "argocd-image-pr/", state: .open)
            #expect(listed.map(\.number) == [real.number])
            let comments = try await dryRun.comments(in: bed.repository, since: nil)
            _ = try await dryRun.permission(of: "alice", in: bed.repository)

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

            #expect(await bed.github.writeCalls().isEmpty)
            let writes = await dryRun.writes()
            #expect(writes.count == 9)
            #expect(writes == printed.lines)
            #expect(writes.allSatisfy { $0.hasPrefix("dry-run: would ") && $0.hasSuffix(" in octo/charts") })
            #expect(writes.contains("dry-run: would delete branch argocd-image-pr/web in octo/charts"))
            #expect(try await bed.github.branchSHA("argocd-image-pr/web", owner: "octo", name: "charts") != nil)
            #expect(await bed.github.calls().count == 3)
        }
    }
}

/// Lines a printer closure received.
final class PrintedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    func append(_ line: String) {
        lock.withLock { stored.append(line) }
    }
}
