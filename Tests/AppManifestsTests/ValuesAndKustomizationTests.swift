import Foundation
import Testing

@testable import AppManifests

@Suite struct ValuesAndKustomizationTests {
    static func app(_ annotations: [String]) throws -> ApplicationSpec {
        let fixture = try Fixture()
        try fixture.write("app.yaml", AnnotationTests.application(annotations))
        let result = ManifestScanner().scan(root: fixture.root)
        return try #require(result.applications.first, "\(result.errors)")
    }

    @Test func helmValuesAreEditedSurgically() throws {
        let app = try Self.app([
            "image-list: web=example/web, api=example/api", "write-back-target: helmvalues:values-prod.yaml",
            "web.helm.image-name: web.image.repository", "web.helm.image-tag: web.image.tag",
            "api.helm.image-name: api.image", "api.helm.image-tag: api.tag",
        ])
        let existing = """
            web:
              image:
                repository: example/web   # the image
                tag: "1.0"  # quoted on purpose
              replicas: 2
            # api below
            other: x

            """
        let text = try HelmValuesEditor.render(
            app: app,
            changes: [
                PlannedImageChange(alias: "web", imageName: "example/web", newTag: "1.10"),
                PlannedImageChange(alias: "api", imageName: "example/api", newTag: "true"),
            ],
            existing: existing
        )
        #expect(
            text == """
                web:
                  image:
                    repository: example/web   # the image
                    tag: "1.10"  # quoted on purpose
                  replicas: 2
                # api below
                other: x
                api:
                  image: example/api
                  tag: "true"

                """
        )
        #expect(app.writeBack.target.path == "charts/demo/values-prod.yaml")
    }

    @Test func literalDottedKeysAndListIndexesAreFound() throws {
        let location = ManifestLocation(path: "v.yaml", line: 0)
        let literal = try HelmValuesEditor.set(
            HelmValuePath("image.tag"), to: "2", in: "image.tag: 1\n", location: location, limits: .default
        )
        #expect(literal == "image.tag: \"2\"\n")
        let indexed = try HelmValuesEditor.set(
            HelmValuePath("containers[1].tag"), to: "v2", in: "containers:\n- tag: a\n- tag: b # here\n",
            location: location, limits: .default
        )
        #expect(indexed == "containers:\n- tag: a\n- tag: v2 # here\n")
        let empty = try HelmValuesEditor.set(
            HelmValuePath("a.b"), to: "c", in: "", location: location, limits: .default)
        #expect(empty == "a:\n  b: c\n")
    }

    @Test func kustomizationImagesAreEditedSurgically() throws {
        let app = try Self.app([
            "image-list: web=example/web, api=example/api", "write-back-target: kustomization",
            "api.kustomize.image-name: api-placeholder",
        ])
        #expect(app.writeBack.target == WriteTarget(kind: .kustomization, path: "charts/demo"))
        let existing = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - deployment.yaml
            images:
            - name: example/web  # web
              newTag: "1.0"
              digest: sha256:old
            """
        let text = try KustomizationEditor.render(
            app: app,
            changes: [
                PlannedImageChange(alias: "web", imageName: "example/web", newTag: "1.1"),
                PlannedImageChange(alias: "api", imageName: "example/api", newTag: "0x1F"),
            ],
            existing: existing
        )
        #expect(
            text == """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - deployment.yaml
                images:
                - name: example/web  # web
                  newTag: "1.1"
                - name: api-placeholder
                  newName: example/api
                  newTag: "0x1F"

                """
        )
    }

    @Test func kustomizationWithoutImagesGetsTheList() throws {
        let app = try Self.app(["image-list: web=example/web", "write-back-target: kustomization"])
        let text = try KustomizationEditor.render(
            app: app,
            changes: [PlannedImageChange(alias: "web", imageName: "example/web", newTag: "v2")],
            existing: "resources:\n- a.yaml\n"
        )
        #expect(text == "resources:\n- a.yaml\nimages:\n- name: example/web\n  newTag: v2\n")
    }
}
