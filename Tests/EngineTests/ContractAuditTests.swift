import Foundation
import TestSupport
import Testing

/// Promises of DESIGN.md's command-line contract and pull-request rules that an audit found unpinned or broken.
@Suite("contract audit", .serialized)
struct ContractAuditTests {
    /// "Errors go to stderr as one line each": a usage error is one line too, not argument-parser's usage block.
    @Test(arguments: [
        ["plan", "--no-such-flag"],
        ["run", "--format", "yaml"],
        ["check-image"],
        ["check-image", "UPPER/Case"],
        ["check-image", "nginx", "--strategy", "newest"],
        ["serve", "--port", "abc"],
        ["version", "--verbose"],
        ["frobnicate"],
    ])
    func usageErrorsAreOneLineOnStderr(arguments: [String]) async throws {
        let result = try await CLI.run(arguments)
        #expect(result.status == 2, "\(arguments) exited \(result.status)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.stderr)")
        #expect(lines.first?.hasPrefix("error: ") == true, "\(result.stderr)")
    }

    /// Every Application entry of `plan --format json` has every field of the contract, and an error that is both
    /// a file's and an Application's (an override file that does not parse) is one stderr line, file untouched.
    @Test func planJSONKeepsEveryFieldAndPrintsEachErrorOnce() async throws {
        let root = try TemporaryDirectory.make(prefix: "audit")
        defer { TemporaryDirectory.remove(root) }
        let repo = root.appendingPathComponent("charts")
        let broken = "helm: [\n"
        let files = [
            "apps.yaml": Self.application(name: "Bad_Name", repo: repo.path, path: ".")
                + "---\n" + Self.application(name: "broken", repo: repo.path, path: "sub")
                + "---\n" + Self.application(name: "twice", namespace: "Bad_NS", repo: repo.path, path: "../.."),
            "sub/.argocd-source-broken.yaml": broken,
        ]
        for (path, text) in files {
            let url = repo.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try GitFixture.run(["init", "-q", "-b", "main", repo.path])
        try GitFixture.run(["add", "-A"], in: repo)
        try GitFixture.run(["commit", "-q", "-m", "Applications"], in: repo)

        let result = try await CLI.run(
            ["plan", "--repo", repo.path, "--format", "json"],
            environment: ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path])
        #expect(result.status == 1, "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let apps = try #require(document["applications"] as? [[String: Any]])
        // One entry per Application, however many errors it has, located where its manifest starts.
        #expect(apps.compactMap { $0["name"] as? String }.sorted() == ["Bad_Name", "broken", "twice"])
        let twice = try #require(apps.first { $0["name"] as? String == "twice" })
        #expect(twice["manifest"] as? String == "apps.yaml:\(2 * Self.applicationLines + 3)")
        #expect((twice["errors"] as? [String])?.count == 2)
        for app in apps {
            #expect(
                Set(app.keys) == ["name", "manifest", "target", "changes", "files", "errors"], "\(app.keys.sorted())")
            #expect((app["errors"] as? [String])?.isEmpty == false)
        }
        let unreadable = try #require(apps.first { $0["name"] as? String == "Bad_Name" })
        #expect(unreadable["target"] is NSNull)

        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == Set(lines).count, "an error line is repeated:\n\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("error: sub/.argocd-source-broken.yaml:") })
        let after = try String(
            contentsOf: repo.appendingPathComponent("sub/.argocd-source-broken.yaml"), encoding: .utf8)
        #expect(after == broken)
    }

    /// "`plan --repo PATH` reads the working tree of a local repository", and `--repo` takes a path or a `file://`
    /// URL: an Application that is not committed yet is planned, and nothing is written.
    @Test(arguments: [false, true])
    func planReadsTheWorkingTreeOfALocalRepository(asFileURL: Bool) async throws {
        let root = try TemporaryDirectory.make(prefix: "audit")
        defer { TemporaryDirectory.remove(root) }
        let repo = root.appendingPathComponent("charts")
        try GitFixture.run(["init", "-q", "-b", "main", repo.path])
        try "# charts\n".write(to: repo.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try GitFixture.run(["add", "-A"], in: repo)
        try GitFixture.run(["commit", "-q", "-m", "Start"], in: repo)
        let folder = repo.appendingPathComponent("apps")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.application(name: "draft", repo: repo.path, path: ".").write(
            to: folder.appendingPathComponent("draft.yaml"), atomically: true, encoding: .utf8)
        let status = try GitFixture.run(["status", "--porcelain"], in: repo)

        let result = try await CLI.run(
            ["plan", "--repo", asFileURL ? "file://\(repo.path)" : repo.path, "--format", "json"],
            environment: ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        let apps = try #require(document["applications"] as? [[String: Any]])
        #expect(apps.map { $0["name"] as? String } == ["draft"])
        #expect(apps.first?["manifest"] as? String == "apps/draft.yaml:1")
        #expect(try GitFixture.run(["status", "--porcelain"], in: repo) == status)
    }

    /// Issue #6: `plan` reports where each current tag was read (here the chart's values.yaml).
    @Test func planTextNamesWhereTheCurrentTagWasRead() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let result = try await fixture.plan()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").filter { $0.contains(" -> \(SeedFixture.newTag)") }
        #expect(lines.count == 2, "\(result.stdout)")
        for line in lines {
            #expect(line.contains("\(SeedFixture.oldTag) -> "), "\(line)")
            #expect(line.hasSuffix(", current tag from values.yaml"), "\(line)")
        }
    }

    /// "Bot PRs are found by head branch prefix, never by title" and "a person's own PRs and branches are never
    /// touched": a person's open and declined pull requests that look like the bot's change nothing.
    @Test func peoplesPullRequestsThatLookLikeTheBotsAreNeverTouched() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        let (owner, name) = (RunFixture.owner, RunFixture.name)
        let title = "Update example: frontend to \(SeedFixture.newTag), backend to \(SeedFixture.newTag)"
        let stateBlock =
            "<!-- argocd-image-pr: {\"application\":\"example\",\"baseBranch\":\"main\",\"images\":[],\"version\":1} -->"
        try await fixture.github.createBranch("people/bump", from: "main", owner: owner, name: name)
        try await fixture.github.createBranch("people/declined", from: "main", owner: owner, name: name)
        let open = try await fixture.github.openPullRequest(
            head: "people/bump", base: "main", title: title, body: stateBlock, author: "alice", owner: owner,
            name: name)
        let declined = try await fixture.github.openPullRequest(
            head: "people/declined", base: "main", title: title, body: stateBlock, author: "alice", owner: owner,
            name: name)
        try await fixture.github.closePullRequest(declined, merged: false, owner: owner, name: name)
        let peopleBranches = fixture.branches().filter { $0.key.hasPrefix("people/") }

        let result = try await fixture.run()
        #expect(result.plan.allErrors == [])
        let pulls = try await fixture.pulls()
        let bot = pulls.filter { $0.author == fixture.github.botLogin }
        #expect(bot.map(\.head) == ["argocd-image-pr/example", "argocd-image-pr/staging"])
        #expect(bot.allSatisfy { $0.state == "open" && $0.body?.contains("`\(SeedFixture.newTag)`") == true })
        let person = try #require(pulls.first { $0.number == open })
        #expect(person.state == "open")
        #expect(person.title == title)
        #expect(person.body == stateBlock)
        #expect(person.labels.isEmpty)
        #expect(fixture.branches().filter { $0.key.hasPrefix("people/") } == peopleBranches)
        let touched = await fixture.github.writeCalls().filter {
            $0.path.hasSuffix("/\(open)") || $0.path.contains("/\(open)/") || $0.path.hasSuffix("/\(declined)")
                || $0.path.contains("/\(declined)/")
        }
        #expect(touched.map(\.description) == [])
        #expect(await fixture.github.comments(owner: owner, name: name).isEmpty)
        #expect(await fixture.github.violations() == [])
    }

    /// Lines of one `application(...)` document, without the `---` that separates documents.
    static let applicationLines = 12

    static func application(name: String, namespace: String = "argocd", repo: String, path: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: \(name)
          namespace: \(namespace)
          annotations:
            argocd-image-updater.argoproj.io/image-list: app=127.0.0.1:1/team/app
        spec:
          source:
            repoURL: \(repo)
            path: \(path)
            targetRevision: main

        """
    }
}
