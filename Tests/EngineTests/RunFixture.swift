import Engine
import Foundation
import Logging
import TestSupport

/// The seed's story on a fake GitHub: a registry with the seed's images and a chart repository on the fake
/// GitHub holding two Applications (`example` and `staging`) that follow the same images.
struct RunFixture {
    static let owner = "platform"
    static let name = "kubernetes-example-helm"
    static let apps = ["example", "staging"]
    static let tokenVariable = "FAKE_GITHUB_TOKEN"

    let registry: RegistryServer
    let github: FakeGitHub
    let root: URL

    var repoURL: String { github.cloneURL(owner: Self.owner, name: Self.name) }

    var configuration: BotConfiguration {
        BotConfiguration(forges: [ForgeSettings(url: github.baseURL, type: .github, tokenEnv: Self.tokenVariable)])
    }

    var environment: [String: String] {
        [Self.tokenVariable: github.token, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path]
    }

    static func make() async throws -> RunFixture {
        let registry = try await RegistryServer.start()
        do {
            try await SeedFixture.pushImages(to: registry)
            let github = try await FakeGitHub.start()
            let fixture = RunFixture(
                registry: registry, github: github, root: try TemporaryDirectory.make(prefix: "run"))
            var files = SeedFixture.chartFiles(registry: registry.host, repoURL: fixture.repoURL)
            files["argocd/staging.yaml"] = SeedFixture.application(
                name: "staging", registry: registry.host, repoURL: fixture.repoURL)
            try await github.createRepository(owner: owner, name: name, files: files)
            return fixture
        } catch {
            try? await registry.stop()
            throw error
        }
    }

    func stop() async {
        try? await registry.stop()
        await github.stop()
        TemporaryDirectory.remove(root)
    }

    func reconciler(_ options: RunOptions = RunOptions()) -> Reconciler {
        Reconciler(
            configuration: configuration, environment: environment, options: options,
            logger: Logger(label: "run-test"), warn: { _ in })
    }

    func run(_ options: RunOptions = RunOptions()) async throws -> RunResult {
        try await reconciler(options).run(repositories: [repoURL])
    }

    /// Pushes a newer `main-<sha>` build of the given images.
    func pushNewer(_ apps: [String] = ["frontend", "backend"], tag: String = SeedFixture.newerTag) async throws {
        let pusher = ImagePusher(registry: registry)
        for app in apps {
            _ = try await pusher.push(
                SeedFixture.image(app, "2026-11-25T12:00:00Z", revision: "c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe"),
                repository: "lyzhang1999/\(app)", tag: tag)
        }
    }

    func pulls() async throws -> [FakePullRecord] {
        try await github.pullRequests(owner: Self.owner, name: Self.name).sorted { $0.number < $1.number }
    }

    func openPulls() async throws -> [FakePullRecord] {
        try await pulls().filter { $0.state == "open" }
    }

    func branch(_ name: String) async throws -> String? {
        try await github.branchSHA(name, owner: Self.owner, name: Self.name)
    }

    func file(_ path: String, on branch: String) -> String? {
        GitFixture.readFile(path, branch: branch, repository: github.gitDirectory(owner: Self.owner, name: Self.name))
    }

    /// Every branch and its commit.
    func branches() -> [String: String] {
        let directory = github.gitDirectory(owner: Self.owner, name: Self.name)
        var result: [String: String] = [:]
        for branch in GitFixture.branches(of: directory) {
            result[branch] = GitFixture.head(of: branch, repository: directory)
        }
        return result
    }

    /// A configuration file for the binary.
    func writeConfigurationFile() throws -> URL {
        let url = root.appendingPathComponent("argocd-image-pr.yaml")
        let text = "forges:\n  - url: \(github.baseURL)\n    type: github\n    tokenEnv: \(Self.tokenVariable)\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
