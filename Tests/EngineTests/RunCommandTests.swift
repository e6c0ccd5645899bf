import Foundation
import TestSupport
import Testing

/// `run` through the binary: `--forge none` on a local repository, `--dry-run` against the fake GitHub.
@Suite("run command", .serialized)
struct RunCommandTests {
    @Test func forgeNonePushesTheBranchAndPrintsThePullRequest() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let environment = ["XDG_CACHE_HOME": fixture.root.appendingPathComponent("cache").path]
        let result = try await CLI.run(
            ["run", "--repo", fixture.chart.path, "--forge", "none"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pushed branch argocd-image-pr/example"))
        #expect(result.stdout.contains("title: Update example: frontend to \(SeedFixture.newTag)"))
        #expect(result.stdout.contains("<!-- argocd-image-pr: {"))
        let override = try #require(
            GitFixture.readFile(
                ".argocd-source-example.yaml", branch: "argocd-image-pr/example", repository: fixture.bare))
        #expect(override.contains("value: \(SeedFixture.newTag)"))
        let head = GitFixture.head(of: "argocd-image-pr/example", repository: fixture.bare)
        let message = GitFixture.commitMessage("argocd-image-pr/example", repository: fixture.bare) ?? ""
        #expect(message.hasPrefix("Update example"))
        let author = try GitFixture.run(
            ["--git-dir", fixture.bare.path, "log", "-1", "--format=%an <%ae>", "argocd-image-pr/example"])
        #expect(
            author.trimmingCharacters(in: .whitespacesAndNewlines)
                == "argocd-image-pr <argocd-image-pr@noreply.invalid>")

        // Again: the branch already holds exactly this, nothing is pushed; the text is still shown.
        let again = try await CLI.run(
            ["run", "--repo", fixture.chart.path, "--forge", "none"], environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains("pushed branch"))
        #expect(
            again.stdout.contains("pull request to update for example")
                || again.stdout.contains("pull request to open for example"))
        #expect(GitFixture.head(of: "argocd-image-pr/example", repository: fixture.bare) == head)
        #expect(GitFixture.branches(of: fixture.bare) == ["argocd-image-pr/example", "main"])
    }

    @Test func withoutAForgeALocalRepositoryIsAnErrorNamingTheFix() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let result = try await CLI.run(
            ["run", "--repo", fixture.chart.path],
            environment: ["XDG_CACHE_HOME": fixture.root.appendingPathComponent("cache").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--forge none"))
        #expect(GitFixture.branches(of: fixture.bare) == ["main"])
    }

    @Test func dryRunChangesNothingAndPrintsEveryWrite() async throws {
        let fixture = try await RunFixture.make()
        defer { Task { await fixture.stop() } }
        let config = try fixture.writeConfigurationFile()
        let arguments = ["run", "--config", config.path, "--repo", fixture.repoURL, "--dry-run"]

        let first = try await CLI.run(arguments, environment: fixture.environment)
        #expect(first.status == 0, "\(first.stderr)")
        for app in RunFixture.apps {
            #expect(first.stdout.contains("dry-run: would push branch argocd-image-pr/\(app) "))
            #expect(first.stdout.contains("dry-run: would create pull request argocd-image-pr/\(app) → main"))
        }
        #expect(fixture.branches().keys.sorted() == ["main"])
        #expect(try await fixture.pulls().isEmpty)

        // With pull requests open and a newer build: the dry run shows the push and the update, makes neither.
        _ = try await fixture.run()
        try await fixture.pushNewer()
        let branches = fixture.branches()
        let bodies = try await fixture.pulls().map(\.body)
        await fixture.github.resetCalls()
        let second = try await CLI.run(arguments + ["--format", "json"], environment: fixture.environment)
        #expect(second.status == 0, "\(second.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let lines = try #require(document["actions"] as? [[String: Any]]).compactMap { $0["line"] as? String }
        #expect(lines.filter { $0.hasPrefix("dry-run: would push branch") }.count == 2, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("dry-run: would update pull request #") }.count == 2, "\(lines)")
        #expect(fixture.branches() == branches)
        #expect(try await fixture.pulls().map(\.body) == bodies)
        #expect(await fixture.github.writeCalls().map(\.description) == [])
        #expect(!second.stdout.contains(fixture.github.token))
    }
}
