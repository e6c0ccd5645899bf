import Engine
import Foundation
import Logging
import TestSupport

/// A fleet for races: a registry with `team/frontend` and `team/backend`, and two chart repositories on a fake
/// GitHub or GitLab holding several Applications each (even ones follow both images, odd ones only the frontend).
/// Each round pushes a newer `main-…` build, so every round has every pull request to update.
struct RaceFleet {
    static let repositories = ["charts-a": ["alpha", "bravo", "charlie"], "charts-b": ["delta", "echo"]]
    static let prefix = "argocd-image-pr/"
    static let tokenVariable = "RACE_FORGE_TOKEN"
    static let oldTag = "main-0000000"

    let registry: RegistryServer
    let forge: RaceForge
    let root: URL

    /// `main-<round>abcdef`: round 0 is the first build newer than what the charts run.
    static func tag(round: Int) -> String { "main-\(round + 1)abcdef" }

    /// The images `app` follows.
    static func images(of app: String) -> [String] {
        let index = repositories.values.flatMap { $0 }.sorted().firstIndex(of: app) ?? 0
        return index % 2 == 0 ? ["frontend", "backend"] : ["frontend"]
    }

    var urls: [String] { Self.repositories.keys.sorted().map { forge.cloneURL($0) } }

    var configuration: BotConfiguration {
        BotConfiguration(forges: [ForgeSettings(url: forge.baseURL, type: forge.kind, tokenEnv: Self.tokenVariable)])
    }

    var environment: [String: String] {
        [Self.tokenVariable: forge.token, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path]
    }

    static func make(_ kind: ForgeSettings.Kind) async throws -> RaceFleet {
        let registry = try await RegistryServer.start()
        do {
            let forge = try await RaceForge.start(kind)
            let fleet = RaceFleet(registry: registry, forge: forge, root: try TemporaryDirectory.make(prefix: "race"))
            try await fleet.pushBuild(tag: oldTag, day: 1)
            try await fleet.pushBuild(tag: tag(round: 0), day: 2)
            for (name, apps) in repositories {
                try await forge.createRepository(name, files: fleet.chartFiles(name, apps: apps))
            }
            return fleet
        } catch {
            try? await registry.stop()
            throw error
        }
    }

    func stop() async {
        try? await registry.stop()
        await forge.stop()
        TemporaryDirectory.remove(root)
    }

    /// Pushes `tag` of both images, built `day` days into November.
    func pushBuild(tag: String, day: Int) async throws {
        let created = ISO8601DateFormatter().date(from: String(format: "2026-11-%02dT10:00:00Z", day))!
        let pusher = ImagePusher(registry: registry)
        for image in ["frontend", "backend"] {
            _ = try await pusher.push(
                TestImage(created: created, seed: "\(image)-\(tag)"), repository: "team/\(image)", tag: tag)
        }
    }

    /// An in-process run over both repositories.
    func run() async throws -> RunResult {
        let reconciler = Reconciler(
            configuration: configuration, environment: environment, options: RunOptions(),
            logger: Logger(label: "race"), warn: { _ in })
        return try await reconciler.run(repositories: urls)
    }

    /// The built binary's `run` over both repositories, in its own process (ProductCLI waits off the cooperative pool).
    func runProcess() async throws -> ProductCLI.Result {
        let config = root.appendingPathComponent("argocd-image-pr.yaml")
        if !FileManager.default.fileExists(atPath: config.path) {
            let text =
                "forges:\n  - url: \(forge.baseURL)\n    type: \(forge.kind.rawValue)\n    tokenEnv: \(Self.tokenVariable)\n"
            try text.write(to: config, atomically: true, encoding: .utf8)
        }
        let arguments = ["run", "--config", config.path, "--format", "json"] + urls.flatMap { ["--repo", $0] }
        let environment = environment
        return try await ProductCLI.run(arguments, environment: environment)
    }

    private func chartFiles(_ repository: String, apps: [String]) -> [String: String] {
        let host = registry.host
        var files = [
            "Chart.yaml": "apiVersion: v2\nname: \(repository)\nversion: 0.1.0\n",
            "values.yaml": """
            frontend:
              image: \(host)/team/frontend
              tag: \(Self.oldTag)
            backend:
              image: \(host)/team/backend
              tag: \(Self.oldTag)

            """,
        ]
        for app in apps {
            let images = Self.images(of: app)
            var annotations = [
                "argocd-image-updater.argoproj.io/image-list: "
                    + images.map { "\($0)=\(host)/team/\($0)" }.joined(separator: ","),
                "argocd-image-updater.argoproj.io/update-strategy: latest",
                "argocd-image-updater.argoproj.io/write-back-method: git",
            ]
            for image in images {
                annotations += [
                    "argocd-image-updater.argoproj.io/\(image).allow-tags: regexp:^main",
                    "argocd-image-updater.argoproj.io/\(image).helm.image-name: \(image).image",
                    "argocd-image-updater.argoproj.io/\(image).helm.image-tag: \(image).tag",
                ]
            }
            files["argocd/\(app).yaml"] = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: \(app)
                  namespace: argocd
                  annotations:
                \(annotations.map { "    " + $0 }.joined(separator: "\n"))
                spec:
                  project: default
                  source:
                    repoURL: \(forge.cloneURL(repository))
                    path: .
                    targetRevision: main
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: \(app)

                """
        }
        return files
    }
}
