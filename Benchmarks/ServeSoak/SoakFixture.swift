import Foundation
import TestSupport

/// The seed's story for the soak: a real `docker-registry` holding `frontend`/`backend` builds tagged
/// `main-<sha>`, and a chart repository on a fake GitHub whose Application follows the newest `main` build.
struct SoakFixture {
    static let owner = "platform"
    static let name = "kubernetes-example-helm"
    static let tokenVariable = "FAKE_GITHUB_TOKEN"
    static let triggerVariable = "REGISTRY_WEBHOOK_TOKEN"
    static let apps = ["frontend", "backend"]

    let registry: RegistryServer
    let github: FakeGitHub
    let root: URL
    /// The token `/trigger` expects; random per soak.
    let triggerToken: String

    var repoURL: String { github.cloneURL(owner: Self.owner, name: Self.name) }

    static func start() async throws -> SoakFixture {
        let registry = try await RegistryServer.start()
        do {
            let github = try await FakeGitHub.start()
            let fixture = SoakFixture(
                registry: registry, github: github, root: try TemporaryDirectory.make(prefix: "serve-soak"),
                triggerToken: UUID().uuidString)
            try await fixture.pushBuild(0)
            try await github.createRepository(owner: owner, name: name, files: fixture.chartFiles())
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

    /// Pushes build `number` of both images: tag `main-<7 hex>`, created `number` hours after the first.
    func pushBuild(_ number: Int) async throws {
        let pusher = ImagePusher(registry: registry)
        let created = Date(timeIntervalSince1970: 1_795_000_000 + Double(number) * 3600)
        let tag = Self.tag(number)
        for app in Self.apps {
            let image = TestImage(
                created: created, labels: ["org.opencontainers.image.revision": "\(tag.dropFirst(5))"],
                seed: "\(app)-\(number)")
            _ = try await pusher.push(image, repository: "lyzhang1999/\(app)", tag: tag)
        }
    }

    static func tag(_ number: Int) -> String {
        "main-" + String(String(format: "%07x", (number &* 2_654_435_761) & 0x0fff_ffff).suffix(7))
    }

    /// What the fake GitHub holds: pull requests, the bot branch's commits and whether its override file
    /// names the newest build (so the soak's runs demonstrably pushed and updated).
    func outcome(builds: Int) async throws -> String {
        let pulls = try await github.pullRequests(owner: Self.owner, name: Self.name)
        let directory = github.gitDirectory(owner: Self.owner, name: Self.name)
        let branch = "argocd-image-pr/example"
        let commits = (try? GitFixture.run(["--git-dir", directory.path, "rev-list", "--count", branch])) ?? "?"
        let override = GitFixture.readFile(".argocd-source-example.yaml", branch: branch, repository: directory) ?? ""
        let newest = Self.tag(builds)
        let calls = await github.calls()
        let pushes = calls.filter { $0.method == "POST" && $0.path.hasSuffix("/git-receive-pack") }.count
        let updates = calls.filter { $0.operationID == "pulls/update" }.count
        return "\(pushes) git pushes, \(updates) pull request updates; "
            + "\(pulls.count) pull request(s) (\(pulls.filter { $0.state == "open" }.count) open); "
            + "`\(branch)` has \(commits.trimmingCharacters(in: .whitespacesAndNewlines)) commits "
            + "(the base and the bot's one commit, rewritten on each update); its override "
            + (override.contains(newest)
                ? "names the newest build `\(newest)`" : "does NOT name the newest build `\(newest)`")
    }

    /// The environment the service runs with: forge token, trigger token and its own cache folder.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment[Self.tokenVariable] = github.token
        environment[Self.triggerVariable] = triggerToken
        environment["XDG_CACHE_HOME"] = root.appendingPathComponent("cache").path
        environment["LOG_LEVEL"] = "warning"
        return environment
    }

    /// `argocd-image-pr.yaml`: the chart repository, the fake GitHub as a forge, and an interval long
    /// enough that only the soak's triggers (and the start-up run) reconcile.
    func writeConfiguration() throws -> URL {
        let url = root.appendingPathComponent("argocd-image-pr.yaml")
        let text = """
            applications:
              - repo: \(repoURL)
            forges:
              - url: \(github.baseURL)
                type: github
                tokenEnv: \(Self.tokenVariable)
            service:
              interval: 1d
              webhooks:
                registry: {tokenEnv: \(Self.triggerVariable)}

            """
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func chartFiles() -> [String: String] {
        let host = registry.host
        var values = ""
        var annotations = "    argocd-image-updater.argoproj.io/image-list: "
        annotations += Self.apps.map { "\($0)=\(host)/lyzhang1999/\($0)" }.joined(separator: ",") + "\n"
        annotations += "    argocd-image-updater.argoproj.io/update-strategy: latest\n"
        annotations += "    argocd-image-updater.argoproj.io/write-back-method: git\n"
        for app in Self.apps {
            values += "\(app):\n  image: \(host)/lyzhang1999/\(app)\n  tag: \(Self.tag(0))\n"
            annotations += "    argocd-image-updater.argoproj.io/\(app).allow-tags: regexp:^main\n"
            annotations += "    argocd-image-updater.argoproj.io/\(app).helm.image-name: \(app).image\n"
            annotations += "    argocd-image-updater.argoproj.io/\(app).helm.image-tag: \(app).tag\n"
        }
        let application = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: example
              namespace: argocd
              annotations:
            \(annotations)spec:
              project: default
              source:
                repoURL: \(repoURL)
                path: .
                targetRevision: main
              destination: {server: https://kubernetes.default.svc, namespace: example}

            """
        return [
            "Chart.yaml": "apiVersion: v2\nname: kubernetes-example\nversion: 0.1.0\n",
            "values.yaml": values,
            "argocd/example.yaml": application,
        ]
    }
}
