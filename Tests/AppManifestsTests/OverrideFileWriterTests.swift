import Foundation
import Testing
import Yams

@testable import AppManifests

@Suite struct OverrideFileWriterTests {
    static func seedApp() throws -> ApplicationSpec {
        let fixture = try Fixture.seed()
        return try #require(ManifestScanner().scan(root: fixture.root).applications.first)
    }

    static let seedChanges = [
        PlannedImageChange(alias: "frontend", imageName: "lyzhang1999/frontend", newTag: "main-b99bc73"),
        PlannedImageChange(alias: "backend", imageName: "lyzhang1999/backend", newTag: "main-b99bc73"),
    ]

    @Test func newFileForTheSeedHasExactlyTheDesignParameters() throws {
        let text = try OverrideFileWriter.render(app: Self.seedApp(), changes: Self.seedChanges, existing: nil)
        #expect(
            text == """
                helm:
                  parameters:
                  - name: frontend.image
                    value: lyzhang1999/frontend
                    forcestring: true
                  - name: frontend.tag
                    value: main-b99bc73
                    forcestring: true
                  - name: backend.image
                    value: lyzhang1999/backend
                    forcestring: true
                  - name: backend.tag
                    value: main-b99bc73
                    forcestring: true

                """
        )
        let parsed = try #require(try Yams.load(yaml: text) as? [String: Any])
        let parameters = try #require((parsed["helm"] as? [String: Any])?["parameters"] as? [[String: Any]])
        #expect(
            parameters.map { $0["name"] as? String } == [
                "frontend.image", "frontend.tag", "backend.image", "backend.tag",
            ])
        #expect(parameters.allSatisfy { $0["forcestring"] as? Bool == true })
        #expect(parameters.map { $0["value"] as? String }.compactMap { $0 }.count == 4)
    }

    @Test func existingFileIsEditedWithMinimalDiff() throws {
        let existing = """
            # written by argocd-image-updater
            helm:
              parameters:
              - name: backend.tag   # pinned by CI
                value: main-0000001
                forcestring: true
              - name: replicas
                value: "3"
                forcestring: true
              - name: frontend.image
                value: lyzhang1999/frontend
                forcestring: true
              - name: frontend.tag
                value: 'main-0000001'
                forcestring: true
            other: keep   # untouched

            """
        let text = try OverrideFileWriter.render(app: Self.seedApp(), changes: Self.seedChanges, existing: existing)
        #expect(
            text == """
                # written by argocd-image-updater
                helm:
                  parameters:
                  - name: backend.tag   # pinned by CI
                    value: main-b99bc73
                    forcestring: true
                  - name: replicas
                    value: "3"
                    forcestring: true
                  - name: frontend.image
                    value: lyzhang1999/frontend
                    forcestring: true
                  - name: frontend.tag
                    value: 'main-b99bc73'
                    forcestring: true
                  - name: backend.image
                    value: lyzhang1999/backend
                    forcestring: true
                other: keep   # untouched

                """
        )
    }

    @Test func unchangedFileStaysByteForByte() throws {
        let first = try OverrideFileWriter.render(app: Self.seedApp(), changes: Self.seedChanges, existing: nil)
        let again = try OverrideFileWriter.render(app: Self.seedApp(), changes: Self.seedChanges, existing: first)
        #expect(again == first)
    }

    @Test func missingForcestringAndHelmBlocksAreAdded() throws {
        let existing = "kustomize: {}\nhelm:\n  parameters:\n    - name: frontend.tag\n      value: old\n"
        let app = try Self.seedApp()
        let text = try OverrideFileWriter.render(
            app: app, changes: [Self.seedChanges[0]], existing: existing, kind: .helm)
        #expect(
            text == """
                kustomize: {}
                helm:
                  parameters:
                    - name: frontend.tag
                      value: main-b99bc73
                      forcestring: true
                    - name: frontend.image
                      value: lyzhang1999/frontend
                      forcestring: true

                """
        )
        let noHelm = try OverrideFileWriter.render(
            app: app, changes: [Self.seedChanges[0]], existing: "# hi\nfoo: bar", kind: .helm)
        #expect(noHelm.hasPrefix("# hi\nfoo: bar\nhelm:\n  parameters:\n  - name: frontend.image\n"))
    }

    @Test func unparsableExistingFileIsAnErrorAndNothingIsWritten() throws {
        #expect(throws: ManifestError.self) {
            try OverrideFileWriter.render(app: Self.seedApp(), changes: Self.seedChanges, existing: "helm: [oops\n")
        }
    }

    @Test func kustomizeOverrideUsesImageUpdaterEntries() throws {
        let fixture = try Fixture()
        try fixture.write(
            "app.yaml",
            AnnotationTests.application([
                "image-list: web=example/web, api=example/api",
                "api.kustomize.image-name: api-placeholder",
            ])
        )
        let app = try #require(ManifestScanner().scan(root: fixture.root).applications.first)
        let changes = [
            PlannedImageChange(alias: "web", imageName: "example/web", newTag: "1.10"),
            PlannedImageChange(alias: "api", imageName: "example/api", newTag: "2.0", newDigest: "sha256:abc"),
        ]
        let fresh = try OverrideFileWriter.render(app: app, changes: changes, existing: nil, kind: .kustomize)
        #expect(
            fresh == "kustomize:\n  images:\n  - example/web:1.10\n  - api-placeholder=example/api:2.0@sha256:abc\n")
        let existing = "kustomize:\n  images:\n  # keep me\n  - example/web:1.9\n  - other/thing:1\n"
        let edited = try OverrideFileWriter.render(app: app, changes: changes, existing: existing)
        #expect(
            edited
                == "kustomize:\n  images:\n  # keep me\n  - example/web:1.10\n  - other/thing:1\n  - api-placeholder=example/api:2.0@sha256:abc\n"
        )
    }

    @Test func digestsAndImageSpecParameters() throws {
        let fixture = try Fixture()
        try fixture.write(
            "app.yaml", AnnotationTests.application(["image-list: web=nginx", "web.helm.image-spec: web.image"]))
        let app = try #require(ManifestScanner().scan(root: fixture.root).applications.first)
        let text = try OverrideFileWriter.render(
            app: app,
            changes: [PlannedImageChange(alias: "web", imageName: "nginx", newTag: "1.25", newDigest: "sha256:0f")],
            existing: nil
        )
        #expect(
            text
                == "helm:\n  parameters:\n  - name: web.image\n    value: nginx:1.25@sha256:0f\n    forcestring: true\n"
        )
    }
}
