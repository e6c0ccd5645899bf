import Foundation
import Testing

@testable import AppManifests

@Suite struct AnnotationTests {
    static func application(_ annotations: [String], name: String = "demo", source: String? = nil) -> String {
        let lines = annotations.map { "    argocd-image-updater.argoproj.io/\($0)" }.joined(separator: "\n")
        let spec =
            source
            ?? "  source:\n    repoURL: https://example.com/repo.git\n    path: charts/demo\n    targetRevision: main"
        return """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: \(name)
              annotations:
            \(lines)
            spec:
            \(spec)

            """
    }

    static func scan(_ text: String) throws -> ScanResult {
        let fixture = try Fixture()
        try fixture.write("app.yaml", text)
        return ManifestScanner().scan(root: fixture.root)
    }

    @Test func perAliasSettingsOverrideGlobalOnes() throws {
        let result = try Self.scan(
            Self.application([
                "image-list: web=nginx:~1.20, db=postgres, quay.io/org/tool:1.x",
                "update-strategy: semver",
                "allow-tags: regexp:^v",
                "ignore-tags: latest, ,dev",
                "pull-secret: env:CREDS",
                "force-update: \"true\"",
                "web.update-strategy: digest",
                "web.ignore-tags: nightly",
                "web.platforms: linux/amd64, linux/arm64",
                "web.force-update: \"false\"",
                "db.kustomize.image-name: postgres-alias",
                "db.helm.image-spec: db.image",
            ])
        )
        #expect(result.errors.isEmpty, "\(result.errors)")
        let app = try #require(result.applications.first)
        let web = try #require(app.image(alias: "web"))
        #expect(web.imageName == "nginx")
        #expect(web.constraint == "~1.20")
        #expect(web.updateStrategy == "digest")
        #expect(web.allowTags == "regexp:^v")
        #expect(web.ignoreTags == ["nightly"])
        #expect(web.platforms == ["linux/amd64", "linux/arm64"])
        #expect(web.forceUpdate == false)
        #expect(web.pullSecret == "env:CREDS")
        let db = try #require(app.image(alias: "db"))
        #expect(db.updateStrategy == "semver")
        #expect(db.ignoreTags == ["latest", "dev"])
        #expect(db.forceUpdate == true)
        #expect(db.kustomizeImageName == "postgres-alias")
        #expect(db.helm.parameterNames.name == "db.image")
        #expect(db.helm.parameterNames.tag == nil)
        let tool = try #require(app.image(alias: "quay.io/org/tool"))
        #expect(tool.hasExplicitAlias == false)
        #expect(tool.constraint == "1.x")
        #expect(tool.helm.parameterNames == ("image.name", "image.tag"))
        #expect(app.writeBack.target.path == "charts/demo/.argocd-source-demo.yaml")
    }

    @Test(arguments: [
        ("write-back-method: argocd", "unsupported for a PR bot"),
        ("write-back-method: kubectl", "unknown write-back-method"),
        ("write-back-method: git:secret:bad", "git:secret:<namespace>/<name>"),
        ("nope.allow-tags: any", "alias 'nope'"),
        ("web.helm.image-tag: x.tag", ""),
        ("force-update: maybe", "is not a boolean"),
        ("git-branch: a:b:c", "base:target"),
        ("git-branch: refs/heads/main", "refs/"),
        ("git-branch: -delete", "'-'"),
        ("git-branch: main:bad..name", "'..'"),
        ("write-back-target: helmvalues:../../../etc/values.yaml", "leaves the repository"),
        ("write-back-target: kustomization:/../x", "leaves the repository"),
        ("write-back-target: config/kustomization.yaml", "kustomization"),
    ])
    func badAnnotationsAreOneLineErrorsNamingFileLineAndAnnotation(annotation: String, expected: String) throws {
        let result = try Self.scan(Self.application(["image-list: web=nginx", annotation]))
        if expected.isEmpty {
            #expect(result.errors.isEmpty, "\(result.errors)")
            return
        }
        #expect(result.applications.isEmpty)
        let error = try #require(result.errors.first)
        #expect(error.description.hasPrefix("app.yaml:7: "), "\(error)")
        #expect(error.description.contains("argocd-image-updater.argoproj.io/"))
        #expect(error.description.contains(expected), "\(error)")
        #expect(error.application == "demo")
    }

    @Test func writeBackSettingsResolveLikeImageUpdater() throws {
        let result = try Self.scan(
            Self.application([
                "image-list: web=nginx",
                "write-back-method: git:secret:argocd-image-updater/git-creds",
                "write-back-target: helmvalues:../shared/values-prod.yaml",
                "git-branch: main:image-updater{{range .Images}}-{{.Name}}{{end}}",
                "git-repository: git@github.com:org/config.git",
            ])
        )
        let app = try #require(result.applications.first, "\(result.errors)")
        #expect(app.writeBack.credentials == .secret(namespace: "argocd-image-updater", name: "git-creds"))
        #expect(app.writeBack.target == WriteTarget(kind: .helmValues, path: "charts/shared/values-prod.yaml"))
        #expect(app.writeBack.baseBranch == "main")
        #expect(app.writeBack.writeBranch == "image-updater{{range .Images}}-{{.Name}}{{end}}")
        #expect(app.targetRepoURL == "git@github.com:org/config.git")
    }

    @Test(arguments: [
        ("kustomization", WriteTarget(kind: .kustomization, path: "charts/demo")),
        ("kustomization:/overlays/prod", WriteTarget(kind: .kustomization, path: "overlays/prod")),
        ("helmvalues", WriteTarget(kind: .helmValues, path: "charts/demo/values.yaml")),
        ("helmvalues:/values.yaml", WriteTarget(kind: .helmValues, path: "values.yaml")),
        ("custom/override.yaml", WriteTarget(kind: .overrideFile, path: "custom/override.yaml")),
    ])
    func writeBackTargets(annotation: String, expected: WriteTarget) throws {
        let result = try Self.scan(Self.application(["image-list: web=nginx", "write-back-target: \(annotation)"]))
        #expect(result.applications.first?.writeBack.target == expected, "\(result.errors)")
    }

    @Test(arguments: ["../evil", "Bad_Name", "a..b", "-x", String(repeating: "a", count: 254)])
    func invalidApplicationNamesAreRefused(name: String) throws {
        let result = try Self.scan(Self.application(["image-list: web=nginx"], name: "\"\(name)\""))
        #expect(result.applications.isEmpty)
        #expect(result.errors.first?.description.contains("not a valid Kubernetes name") == true)
    }

    @Test func traversalInSourcePathIsRefused() throws {
        let source = "  source:\n    repoURL: https://example.com/r.git\n    path: ../../outside"
        let result = try Self.scan(Self.application(["image-list: web=nginx"], source: source))
        #expect(result.applications.isEmpty)
        #expect(result.errors.first?.description == "app.yaml:9: source path '../../outside' leaves the repository")
    }

    @Test func duplicateAliasesAndEmptyImagesAreRefused() throws {
        let result = try Self.scan(Self.application(["image-list: a=nginx,a=redis"]))
        #expect(result.errors.first?.description.contains("listed twice") == true)
        let empty = try Self.scan(Self.application(["image-list: a="]))
        #expect(empty.errors.first?.description.contains("invalid image") == true)
    }

    @Test func multiSourcePicksTheHelmSourceForHelmValues() throws {
        let sources = """
              sources:
              - repoURL: https://charts.example.com
                chart: demo
                targetRevision: 1.2.3
                helm:
                  valueFiles: [$values/envs/prod.yaml]
              - repoURL: https://example.com/config.git
                targetRevision: release
                ref: values
              - repoURL: https://example.com/app.git
                path: deploy
                targetRevision: main
                kustomize:
                  images: [nginx:1.0]
            """
        let result = try Self.scan(Self.application(["image-list: web=nginx"], source: sources))
        let app = try #require(result.applications.first, "\(result.errors)")
        #expect(app.isMultiSource)
        #expect(app.sources.count == 3)
        #expect(app.primarySourceIndex == 2)
        #expect(app.writeBack.target.path == "deploy/.argocd-source-demo.yaml")
        #expect(app.baseBranch == "main")

        let pinned = try Self.scan(
            Self.application(
                [
                    "image-list: web=nginx", "git-repository: https://example.com/config.git",
                    "write-back-target: helmvalues:/envs/prod.yaml",
                ],
                source: sources
            )
        )
        let other = try #require(pinned.applications.first, "\(pinned.errors)")
        #expect(other.writeBack.target == WriteTarget(kind: .helmValues, path: "envs/prod.yaml"))
        #expect(other.baseBranch == "release")
    }
}
