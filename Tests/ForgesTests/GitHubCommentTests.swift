import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitHub comments, permissions and reactions against the fake GitHub")
struct GitHubCommentTests {
    @Test func commentsSinceAreReadInOneListCallPerPage() async throws {
        try await GitHubTestbed.with(options: ForgeHTTPOptions(retryBaseDelay: 0.01, pageSize: 2)) { bed in
            try await bed.pushBranch("argocd-image-pr/web")
            let pull = try await bed.forge.createPullRequest(
                bed.newPullRequest("argocd-image-pr/web"), in: bed.repository)
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            for minute in 0..<5 {
                try await bed.github.addComment(
                    to: pull.number, author: "alice", body: "/pin frontend \(minute)",
                    at: start.addingTimeInterval(Double(minute) * 60), owner: "octo", name: "charts")
            }
            await bed.github.resetCalls()
            let all = try await bed.forge.comments(in: bed.repository, since: nil)
            #expect(all.map(\.body) == (0..<5).map { "/pin frontend \($0)" })
            #expect(all.allSatisfy { $0.pullRequestNumber == pull.number && $0.author == "alice" })
            #expect(await bed.github.calls(of: "issues/list-comments-for-repo").count == 3)

            let recent = try await bed.forge.comments(in: bed.repository, since: start.addingTimeInterval(150))
            #expect(recent.map(\.body) == ["/pin frontend 3", "/pin frontend 4"])
            #expect(recent.first?.createdAt == start.addingTimeInterval(180))
        }
    }

    @Test(arguments: [
        ("admin", AccessLevel.admin, true), ("maintain", .maintain, true), ("write", .write, true),
        ("triage", .read, false), ("read", .read, false),
    ])
    func permissionMapping(role: String, expected: AccessLevel, canWrite: Bool) async throws {
        try await GitHubTestbed.with { bed in
            await bed.github.setPermission(role, for: "alice", owner: "octo", name: "charts")
            let level = try await bed.forge.permission(of: "alice", in: bed.repository)
            #expect(level == expected)
            #expect(level.canWrite == canWrite)
        }
    }

    @Test func strangersAndOwners() async throws {
        try await GitHubTestbed.with { bed in
            let stranger = try await bed.forge.permission(of: "mallory", in: bed.repository)
            let owner = try await bed.forge.permission(of: "octo", in: bed.repository)
            #expect(stranger == AccessLevel.none)
            #expect(owner == .admin)
        }
    }

    @Test func reactionsMarkCommands() async throws {
        try await GitHubTestbed.with { bed in
            try await bed.pushBranch("argocd-image-pr/web")
            let pull = try await bed.forge.createPullRequest(
                bed.newPullRequest("argocd-image-pr/web"), in: bed.repository)
            try await bed.github.addComment(
                to: pull.number, author: "alice", body: "/skip", owner: "octo", name: "charts")
            try await bed.github.addComment(
                to: pull.number, author: "mallory", body: "/pin", owner: "octo", name: "charts")
            let comments = try await bed.forge.comments(in: bed.repository, since: nil)
            try #require(comments.count == 2)
            try await bed.forge.react(to: comments[0], with: .done, in: bed.repository)
            try await bed.forge.react(to: comments[1], with: .refused, in: bed.repository)
            try await bed.forge.react(to: comments[1], with: .refused, in: bed.repository)
            let stored = await bed.github.comments(owner: "octo", name: "charts")
            #expect(stored[0].reactions.map(\.content) == ["+1"])
            #expect(stored[1].reactions.map(\.content) == ["-1"])
            #expect(stored[1].reactions.first?.user == bed.github.botLogin)
        }
    }

    @Test func gitOverSmartHTTPNeedsTheToken() async throws {
        try await GitHubTestbed.with { bed in
            let credentials = try #require(bed.forge.gitCredentials(for: bed.repository))
            #expect(credentials.username == "x-access-token")
            #expect(!"\(credentials)".contains(bed.github.token))
            let url = bed.repository.cloneURL
            #expect(url == bed.github.cloneURL(owner: "octo", name: "charts"))
            let authenticated = url.replacingOccurrences(
                of: "http://", with: "http://\(credentials.username):\(credentials.password)@")
            let listing = try await GitCLI.run(["ls-remote", authenticated, "refs/heads/main"])
            let calls = await bed.github.calls()
            #expect(listing.status == 0, "\(listing.output) \(calls)")
            #expect(listing.output.contains("refs/heads/main"))
            let refused = try await GitCLI.run(["ls-remote", url])
            #expect(refused.status != 0)
        }
    }
}

/// The git command line, for checking the fake's smart HTTP from outside.
enum GitCLI {
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_ASKPASS"] = "/bin/false"
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("git-cli-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return (status, String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self))
    }
}
