import Foundation
import TestSupport
import Testing
import Yams

/// `plan` end to end through the binary, on a real registry and real git repositories.
@Suite("plan end to end")
struct PlanCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func seedApplicationGetsTheDesignedOverrideFile() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let result = try await fixture.plan(["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        let apps = try #require(document["applications"] as? [[String: Any]])
        #expect(apps.count == 1)
        let app = try #require(apps.first)
        #expect(app["name"] as? String == "example")
        #expect(app["manifest"] as? String == "argocd/example.yaml:1")
        let target = try #require(app["target"] as? [String: Any])
        #expect(target["repo"] as? String == "file://\(fixture.bare.path)")
        #expect(target["branch"] as? String == "main")
        let changes = try #require(app["changes"] as? [[String: Any]])
        #expect(changes.map { $0["alias"] as? String } == ["frontend", "backend"])
        for change in changes {
            #expect(change["from"] as? String == SeedFixture.oldTag)
            #expect(change["to"] as? String == SeedFixture.newTag)
            #expect((change["digest"] as? String)?.hasPrefix("sha256:") == true)
        }
        let files = try #require(app["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == [".argocd-source-example.yaml"])
        let content = try #require(files.first?["content"] as? String)
        let parsed = try #require(try Yams.load(yaml: content) as? [String: Any])
        let parameters = try #require((parsed["helm"] as? [String: Any])?["parameters"] as? [[String: Any]])
        let registry = fixture.registry.host
        let expected: [(String, String)] = [
            ("frontend.image", "\(registry)/lyzhang1999/frontend"), ("frontend.tag", SeedFixture.newTag),
            ("backend.image", "\(registry)/lyzhang1999/backend"), ("backend.tag", SeedFixture.newTag),
        ]
        #expect(parameters.count == expected.count)
        for (parameter, (name, value)) in zip(parameters, expected) {
            #expect(parameter["name"] as? String == name)
            #expect(parameter["value"] as? String == value)
            #expect(parameter["forcestring"] as? Bool == true)
        }
        #expect((document["errors"] as? [Any])?.isEmpty == true)
        // The pull secrets cannot be read outside a cluster: said once as a warning, never an error.
        #expect(result.stderr.contains("warning:"))
        #expect(!result.stderr.contains("error:"))
    }

    @Test func planWritesNothing() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let before = GitFixture.branches(of: fixture.bare)
        let status = try GitFixture.run(["status", "--porcelain"], in: fixture.chart)
        let result = try await fixture.plan(["--format", "text"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\(SeedFixture.oldTag) -> \(SeedFixture.newTag)"))
        #expect(GitFixture.branches(of: fixture.bare) == before)
        #expect(try GitFixture.run(["status", "--porcelain"], in: fixture.chart) == status)
    }

    @Test func upToDateApplicationHasNoChanges() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let first = try await json(try fixture.plan(["--format", "json"]).stdout)
        let apps = try #require(first["applications"] as? [[String: Any]])
        let file = try #require((apps.first?["files"] as? [[String: Any]])?.first)
        // Commit the proposed override to the base branch, as a merged PR would.
        _ = try GitFixture.commit(
            [file["path"] as! String: file["content"] as? String], to: "main", in: fixture.bare, message: "merge")
        let result = try await fixture.plan(["--format", "json"])
        #expect(result.status == 0)
        let again = try #require((try json(result.stdout)["applications"] as? [[String: Any]])?.first)
        #expect((again["changes"] as? [Any])?.isEmpty == true)
        #expect((again["files"] as? [Any])?.isEmpty == true)
    }

    @Test func badInputIsReportedAndTheRestIsPlanned() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [unclosed\n"
        let unknownStrategy = SeedFixture.application(
            name: "other", registry: fixture.registry.host, repoURL: "file://\(fixture.bare.path)"
        ).replacingOccurrences(of: "update-strategy: latest", with: "update-strategy: newest")
        try broken.write(
            to: fixture.chart.appendingPathComponent("argocd/broken.yaml"), atomically: true, encoding: .utf8)
        try unknownStrategy.write(
            to: fixture.chart.appendingPathComponent("argocd/other.yaml"), atomically: true, encoding: .utf8)
        let result = try await fixture.plan(["--format", "json"])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errors.contains { $0.contains("argocd/broken.yaml:") })
        #expect(errors.contains { $0.contains("argocd/other.yaml:") && $0.contains("newest") })
        let document = try json(result.stdout)
        let apps = try #require(document["applications"] as? [[String: Any]])
        let example = try #require(apps.first { $0["name"] as? String == "example" })
        #expect((example["changes"] as? [Any])?.count == 2)
    }

    @Test func registryDownIsAnErrorNamingTheRegistry() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        try await fixture.registry.stop()
        let result = try await fixture.plan(["--format", "json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(fixture.registry.host))
        let document = try json(result.stdout)
        let app = try #require((document["applications"] as? [[String: Any]])?.first)
        #expect((app["changes"] as? [Any])?.isEmpty == true)
        #expect((app["errors"] as? [Any])?.isEmpty == false)
    }

    @Test func markdownShowsThePullRequestText() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let result = try await fixture.plan(["--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("| **frontend**"))
        #expect(result.stdout.contains("`\(SeedFixture.oldTag)` | `\(SeedFixture.newTag)`"))
        #expect(result.stdout.contains("<!-- argocd-image-pr: {"))
        #expect(result.stdout.contains("https://github.com/lyzhang1999/kubernetes-example/commit/b99bc73"))
    }
}

/// Write-back targets other than the override file, end to end.
@Suite("plan write-back targets")
struct PlanWriteBackTargetTests {
    private func application(_ fixture: SeedFixture, name: String, path: String, extra: String) -> String {
        SeedFixture.application(name: name, registry: fixture.registry.host, repoURL: "file://\(fixture.bare.path)")
            .replacingOccurrences(of: "    path: .\n", with: "    path: \(path)\n")
            .replacingOccurrences(of: "spec:\n  project", with: "\(extra)spec:\n  project")
    }

    private func onlyApp(_ result: CLI.Result, named name: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let apps = try #require(object?["applications"] as? [[String: Any]])
        return try #require(apps.first { $0["name"] as? String == name })
    }

    @Test func helmValuesTargetIsEditedInPlace() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let manifest = application(fixture, name: "values-app", path: ".", extra: "")
            .replacingOccurrences(
                of: "    argocd-image-updater.argoproj.io/write-back-method: git\n",
                with: "    argocd-image-updater.argoproj.io/write-back-method: git\n"
                    + "    argocd-image-updater.argoproj.io/write-back-target: helmvalues:values.yaml\n")
        try manifest.write(
            to: fixture.chart.appendingPathComponent("argocd/example.yaml"), atomically: true, encoding: .utf8)
        let result = try await fixture.plan(["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let app = try onlyApp(result, named: "values-app")
        let file = try #require((app["files"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == "values.yaml")
        let before = try #require(GitFixture.readFile("values.yaml", branch: "main", repository: fixture.bare))
        let after = try #require(file["content"] as? String)
        let expected = before.replacingOccurrences(of: "tag: \(SeedFixture.oldTag)", with: "tag: \(SeedFixture.newTag)")
        #expect(after == expected)
    }

    @Test func kustomizeSourceWritesKustomizeImages() async throws {
        let fixture = try await SeedFixture.make(extraFiles: [
            "overlays/prod/kustomization.yaml": """
            resources:
              - deployment.yaml
            images:
              - name: frontend
                newName: REGISTRY/lyzhang1999/frontend
                newTag: main-1f0c2d4

            """,
            "overlays/prod/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\n",
        ])
        defer { Task { await fixture.stop() } }
        let manifest = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: shop
              annotations:
                argocd-image-updater.argoproj.io/image-list: web=\(fixture.registry.host)/lyzhang1999/frontend
                argocd-image-updater.argoproj.io/web.update-strategy: newest-build
                argocd-image-updater.argoproj.io/web.allow-tags: regexp:^main-
                argocd-image-updater.argoproj.io/web.kustomize.image-name: frontend
            spec:
              source:
                repoURL: \(fixture.bare.path)
                path: overlays/prod
                targetRevision: main

            """
        try manifest.write(
            to: fixture.chart.appendingPathComponent("argocd/example.yaml"), atomically: true, encoding: .utf8)
        let result = try await fixture.plan(["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let app = try onlyApp(result, named: "shop")
        let file = try #require((app["files"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == "overlays/prod/.argocd-source-shop.yaml")
        let content = try #require(file["content"] as? String)
        let parsed = try #require(try Yams.load(yaml: content) as? [String: Any])
        let images = try #require((parsed["kustomize"] as? [String: Any])?["images"] as? [String])
        #expect(images.count == 1)
        #expect(images.first?.hasSuffix("/lyzhang1999/frontend:\(SeedFixture.newTag)") == true)
        #expect(images.first?.hasPrefix("frontend=") == true)
    }
}
