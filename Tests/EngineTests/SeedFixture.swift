import Foundation
import TestSupport

/// The seed's story as files: a registry holding `frontend`/`backend` images tagged `main-<sha>`
/// (plus a newer feature-branch build and `latest` that must be ignored) and a chart repository
/// shaped like kubernetes-example-helm whose Application follows them.
struct SeedFixture {
    static let oldTag = "main-1f0c2d4"
    static let newTag = "main-b99bc73"
    static let newerTag = "main-c0ffee1"

    let registry: RegistryServer
    /// Working copy of the chart repository (what `plan --repo` reads).
    let chart: URL
    /// The bare repository the Application's repoURL points at.
    let bare: URL
    let root: URL

    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func image(_ app: String, _ created: String, revision: String? = nil) -> TestImage {
        var labels = ["org.opencontainers.image.source": "https://github.com/lyzhang1999/kubernetes-example"]
        if let revision { labels["org.opencontainers.image.revision"] = revision }
        return TestImage(created: date(created), labels: labels, seed: "\(app)-\(created)")
    }

    /// Pushes the seed's images.
    static func pushImages(to registry: RegistryServer) async throws {
        let pusher = ImagePusher(registry: registry)
        for app in ["frontend", "backend"] {
            let repository = "lyzhang1999/\(app)"
            _ = try await pusher.push(
                image(app, "2026-11-20T10:00:00Z", revision: "1f0c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d"),
                repository: repository, tag: oldTag)
            _ = try await pusher.push(
                image(app, "2026-11-24T09:30:00Z", revision: "b99bc73e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a"),
                repository: repository, tag: newTag)
            _ = try await pusher.push(
                image(app, "2026-11-25T08:00:00Z"), repository: repository, tag: "feature-x-77aa001")
            _ = try await pusher.push(image(app, "2026-11-25T08:00:00Z"), repository: repository, tag: "latest")
        }
    }

    /// Pushes a newer `main-<sha>` build of both images.
    func pushNewerImages() async throws {
        let pusher = ImagePusher(registry: registry)
        for app in ["frontend", "backend"] {
            _ = try await pusher.push(
                Self.image(app, "2026-11-25T12:00:00Z", revision: "c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe"),
                repository: "lyzhang1999/\(app)", tag: Self.newerTag)
        }
    }

    /// The seed Application, pointing at `repoURL`.
    static func application(name: String = "example", registry: String, repoURL: String, extra: String = "") -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: \(name)
          namespace: argocd
          annotations:
            argocd-image-updater.argoproj.io/image-list: frontend=\(registry)/lyzhang1999/frontend,backend=\(registry)/lyzhang1999/backend
            argocd-image-updater.argoproj.io/update-strategy: latest
            argocd-image-updater.argoproj.io/write-back-method: git
            argocd-image-updater.argoproj.io/frontend.allow-tags: regexp:^main
            argocd-image-updater.argoproj.io/frontend.helm.image-name: frontend.image
            argocd-image-updater.argoproj.io/frontend.helm.image-tag: frontend.tag
            argocd-image-updater.argoproj.io/frontend.pull-secret: pullsecret:argocd/dockerhub-secret
            argocd-image-updater.argoproj.io/backend.allow-tags: regexp:^main
            argocd-image-updater.argoproj.io/backend.helm.image-name: backend.image
            argocd-image-updater.argoproj.io/backend.helm.image-tag: backend.tag
            argocd-image-updater.argoproj.io/backend.pull-secret: pullsecret:argocd/dockerhub-secret
        \(extra)
        spec:
          project: default
          source:
            repoURL: \(repoURL)
            path: .
            targetRevision: main
          destination:
            server: https://kubernetes.default.svc
            namespace: example

        """
    }

    /// The chart files; `extraFiles` are added or override.
    static func chartFiles(registry: String, repoURL: String, extraFiles: [String: String] = [:]) -> [String: String] {
        var files = [
            "Chart.yaml": "apiVersion: v2\nname: kubernetes-example\nversion: 0.1.0\n",
            "values.yaml": """
            frontend:
              image: \(registry)/lyzhang1999/frontend
              tag: \(oldTag)
            backend:
              image: \(registry)/lyzhang1999/backend
              tag: \(oldTag)

            """,
            "values-prod.yaml": "frontend:\n  replicas: 3\n",
            "templates/frontend.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: frontend
            spec:
              template:
                spec:
                  containers:
                    - name: frontend
                      image: "{{ .Values.frontend.image }}:{{ .Values.frontend.tag }}"

            """,
            "argocd/example.yaml": application(registry: registry, repoURL: repoURL),
        ]
        for (path, text) in extraFiles { files[path] = text }
        return files
    }

    /// Starts a registry with the seed's images and lays out the chart repository (working copy + bare).
    static func make(extraFiles: [String: String] = [:]) async throws -> SeedFixture {
        let registry = try await RegistryServer.start()
        do {
            try await pushImages(to: registry)
            let root = try TemporaryDirectory.make(prefix: "seed")
            let bare = root.appendingPathComponent("kubernetes-example-helm.git")
            let files = chartFiles(registry: registry.host, repoURL: "file://\(bare.path)", extraFiles: extraFiles)
            try GitFixture.makeBareRepository(at: bare, files: files)
            let chart = root.appendingPathComponent("kubernetes-example-helm")
            _ = try GitFixture.run(["clone", "-q", bare.path, chart.path], in: root)
            return SeedFixture(registry: registry, chart: chart, bare: bare, root: root)
        } catch {
            try? await registry.stop()
            throw error
        }
    }

    /// `plan` through the built binary over the working copy (or `repo`), with this fixture's own cache.
    func plan(_ arguments: [String] = [], repo: URL? = nil) async throws -> CLI.Result {
        try await CLI.run(
            ["plan", "--repo", (repo ?? chart).path] + arguments,
            environment: ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path])
    }

    func stop() async {
        try? await registry.stop()
        TemporaryDirectory.remove(root)
    }
}
