import Foundation

/// A temporary directory tree for one test, removed when the value is released.
final class Fixture {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("appmanifests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    @discardableResult
    func write(_ path: String, _ text: String) throws -> URL {
        try write(path, Data(text.utf8))
    }

    @discardableResult
    func write(_ path: String, _ data: Data) throws -> URL {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func link(_ path: String, to destination: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    /// The seed's chart repository with its Application, as DESIGN.md describes it.
    static let seedApplication = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: example
          namespace: argocd
          annotations:
            argocd-image-updater.argoproj.io/image-list: frontend=lyzhang1999/frontend,backend=lyzhang1999/backend
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
        spec:
          project: default
          source:
            repoURL: https://github.com/lyzhang1999/kubernetes-example-helm.git
            path: .
            targetRevision: main
          destination:
            server: https://kubernetes.default.svc
            namespace: example

        """

    static func seed() throws -> Fixture {
        let fixture = try Fixture()
        try fixture.write("Chart.yaml", "apiVersion: v2\nname: example\nversion: 0.1.0\n")
        try fixture.write(
            "values.yaml",
            """
            # defaults
            frontend:
              image: lyzhang1999/frontend
              tag: latest
            backend:
              image: lyzhang1999/backend
              tag: latest

            """
        )
        try fixture.write("values-prod.yaml", "frontend:\n  replicas: 3\n")
        try fixture.write(
            "templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  {{- if .Values.x }}\n"
        )
        try fixture.write("argocd/application.yaml", seedApplication)
        return fixture
    }
}
