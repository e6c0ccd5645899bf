import Foundation
import TestSupport

/// A chart repository (bare + working copy) whose Applications follow images in a test registry,
/// shaped like EngineTests' seed fixture but with the Applications and values given by the test.
struct ChartFixture {
    let root: URL
    let chart: URL
    let bare: URL

    /// One `image-list` entry of an Application with its per-alias annotations (without the prefix).
    struct Image {
        var alias: String
        var reference: String
        var annotations: [String] = []
    }

    static func application(name: String, images: [Image], global: [String] = [], repoURL: String) -> String {
        let prefix = "argocd-image-updater.argoproj.io/"
        var lines = ["\(prefix)image-list: " + images.map { "\($0.alias)=\($0.reference)" }.joined(separator: ",")]
        lines += global.map { prefix + $0 }
        for image in images {
            lines += ["\(prefix)\(image.alias).helm.image-name: \(image.alias).image"]
            lines += ["\(prefix)\(image.alias).helm.image-tag: \(image.alias).tag"]
            lines += image.annotations.map { "\(prefix)\(image.alias).\($0)" }
        }
        return """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: \(name)
              namespace: argocd
              annotations:
            \(lines.map { "    " + $0 }.joined(separator: "\n"))
            spec:
              project: default
              source:
                repoURL: \(repoURL)
                path: .
                targetRevision: main
              destination:
                server: https://kubernetes.default.svc
                namespace: \(name)

            """
    }

    /// Lays out the repository; `applications` receives the bare repository's `file://` URL.
    static func make(values: String, applications: (String) -> [String: String]) throws -> ChartFixture {
        let root = try TemporaryDirectory.make(prefix: "hardening-chart")
        let bare = root.appendingPathComponent("chart.git")
        var files = ["Chart.yaml": "apiVersion: v2\nname: hardening\nversion: 0.1.0\n", "values.yaml": values]
        for (path, text) in applications("file://\(bare.path)") { files[path] = text }
        try GitFixture.makeBareRepository(at: bare, files: files)
        let chart = root.appendingPathComponent("chart")
        _ = try GitFixture.run(["clone", "-q", bare.path, chart.path], in: root)
        return ChartFixture(root: root, chart: chart, bare: bare)
    }

    var cache: String { root.appendingPathComponent("cache").path }

    func remove() { TemporaryDirectory.remove(root) }
}
