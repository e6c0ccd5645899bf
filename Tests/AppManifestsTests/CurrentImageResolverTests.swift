import Foundation
import Testing

@testable import AppManifests

@Suite struct CurrentImageResolverTests {
    @Test func valuesFilesThenOverrideFileThenSpecParameters() async throws {
        let fixture = try Fixture.seed()
        let app = try #require(ManifestScanner().scan(root: fixture.root).applications.first)
        let resolver = CurrentImageResolver()
        var current = try await resolver.resolve(app: app, files: DiskFiles(root: fixture.root))
        #expect(
            current["frontend"]
                == CurrentImage(
                    alias: "frontend", imageName: "lyzhang1999/frontend", tag: "latest",
                    source: .helmValues("values.yaml")))
        #expect(await resolver.sourceKind(app: app, files: DiskFiles(root: fixture.root)) == .helm)

        try fixture.write(
            ".argocd-source-example.yaml",
            "helm:\n  parameters:\n  - name: frontend.tag\n    value: main-1234567@sha256:ff\n    forcestring: true\n"
        )
        current = try await resolver.resolve(app: app, files: DiskFiles(root: fixture.root))
        #expect(current["frontend"]?.tag == "main-1234567")
        #expect(current["frontend"]?.digest == "sha256:ff")
        #expect(current["frontend"]?.source == .overrideFile(".argocd-source-example.yaml"))
        #expect(current["backend"]?.source == .helmValues("values.yaml"))
    }

    @Test func valueFilesOverrideDefaultsAndImageListIsTheLastResort() async throws {
        let fixture = try Fixture()
        try fixture.write("chart/Chart.yaml", "name: c\n")
        try fixture.write("chart/values.yaml", "web:\n  tag: \"1.0\"\n")
        try fixture.write("chart/values-prod.yaml", "web:\n  tag: \"1.5\"\n")
        let source = """
              source:
                repoURL: https://example.com/r.git
                path: chart
                helm:
                  valueFiles: [values-prod.yaml, $other/x.yaml]
                  parameters:
                  - name: api.tag
                    value: "9"
            """
        try fixture.write(
            "app.yaml",
            AnnotationTests.application(
                [
                    "image-list: web=example/web, api=example/api, tool=example/tool:~2.0",
                    "web.helm.image-tag: web.tag", "api.helm.image-tag: api.tag", "tool.helm.image-tag: tool.tag",
                ],
                source: source
            )
        )
        let app = try #require(ManifestScanner().scan(root: fixture.root).applications.first)
        let current = try await CurrentImageResolver().resolve(app: app, files: DiskFiles(root: fixture.root))
        #expect(current["web"]?.tag == "1.5")
        #expect(current["web"]?.source == .helmValues("chart/values-prod.yaml"))
        #expect(current["api"]?.tag == "9")
        #expect(current["api"]?.source == .applicationSpec)
        #expect(
            current["tool"] == CurrentImage(alias: "tool", imageName: "example/tool", tag: "~2.0", source: .imageList))
    }

    @Test func kustomizationImagesAreRead() async throws {
        let fixture = try Fixture()
        try fixture.write("k/kustomization.yaml", "images:\n- name: example/web\n  newTag: v3\n")
        let source = "  source:\n    repoURL: https://example.com/r.git\n    path: k"
        try fixture.write("app.yaml", AnnotationTests.application(["image-list: web=example/web"], source: source))
        let app = try #require(ManifestScanner().scan(root: fixture.root).applications.first)
        let resolver = CurrentImageResolver()
        #expect(await resolver.sourceKind(app: app, files: DiskFiles(root: fixture.root)) == .kustomize)
        let current = try await resolver.resolve(app: app, files: DiskFiles(root: fixture.root))
        #expect(current["web"]?.tag == "v3")
        #expect(current["web"]?.source == .kustomization("k/kustomization.yaml"))
    }

    @Test func brokenOverrideFileIsAnError() async throws {
        let fixture = try Fixture.seed()
        try fixture.write(".argocd-source-example.yaml", "helm: [broken\n")
        let app = try #require(ManifestScanner().scan(root: fixture.root).applications.first)
        await #expect(throws: ManifestError.self) {
            try await CurrentImageResolver().resolve(app: app, files: DiskFiles(root: fixture.root))
        }
    }

    @Test func symlinkedOverrideFileOutsideTheRepositoryIsRefused() async throws {
        let outside = try Fixture()
        try outside.write("stolen.yaml", "helm: {}\n")
        let fixture = try Fixture.seed()
        try fixture.link(".argocd-source-example.yaml", to: outside.root.appendingPathComponent("stolen.yaml").path)
        let app = try #require(ManifestScanner().scan(root: fixture.root).applications.first)
        await #expect(throws: ManifestError.self) {
            try await CurrentImageResolver().resolve(app: app, files: DiskFiles(root: fixture.root))
        }
        #expect(throws: ManifestError.self) { try RepoPath.resolve(".argocd-source-example.yaml", in: fixture.root) }
        #expect(throws: ManifestError.self) { try RepoPath.resolve("../x", in: fixture.root) }
        #expect(try RepoPath.resolve("new/dir/file.yaml", in: fixture.root).path.hasSuffix("new/dir/file.yaml"))
    }
}
