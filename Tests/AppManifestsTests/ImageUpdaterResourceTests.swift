import Foundation
import Testing

@testable import AppManifests

@Suite struct ImageUpdaterResourceTests {
    static let resource = """
        apiVersion: argocd-image-updater.argoproj.io/v1alpha1
        kind: ImageUpdater
        metadata:
          name: updater
          namespace: argocd
        spec:
          commonUpdateSettings:
            updateStrategy: semver
            ignoreTags: [latest]
          writeBackConfig:
            method: git
            gitConfig:
              branch: main
              writeBackTarget: helmvalues:./values.yaml
          applicationRefs:
          - namePattern: "shop-*"
            images:
            - alias: web
              imageName: nginx:~1.20
              commonUpdateSettings:
                allowTags: regexp:^1\\.
                platforms: [linux/amd64]
              manifestTargets:
                helm:
                  name: web.repository
                  tag: web.tag
          - namePattern: shop-legacy
            useAnnotations: true
          - namePattern: "*"
            labelSelectors:
              matchLabels: {team: core}
            images:
            - alias: api
              imageName: example/api
              manifestTargets:
                kustomize:
                  name: api

        """

    static func app(_ name: String, labels: String = "", annotations: String = "") -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: \(name)
          namespace: argocd\(labels)\(annotations)
        spec:
          source: {repoURL: "https://example.com/r.git", path: apps/\(name), targetRevision: main}

        """
    }

    @Test func resourcesMapOntoTheSameModel() throws {
        let fixture = try Fixture()
        try fixture.write("updater.yaml", Self.resource)
        try fixture.write(
            "apps.yaml",
            [
                Self.app("shop-front"),
                Self.app(
                    "shop-legacy",
                    annotations: "\n  annotations:\n    argocd-image-updater.argoproj.io/image-list: old=busybox"
                ),
                Self.app("billing", labels: "\n  labels: {team: core}"),
                Self.app("unrelated"),
            ].joined(separator: "---\n")
        )
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.applications.map(\.name) == ["shop-front", "shop-legacy", "billing"])

        let front = result.applications[0]
        guard case .imageUpdater(let name, let location) = front.origin else {
            Issue.record("expected an ImageUpdater origin")
            return
        }
        #expect(name == "updater")
        #expect(location.description == "updater.yaml:1")
        let web = try #require(front.image(alias: "web"))
        #expect(web.updateStrategy == "semver")
        #expect(web.allowTags == "regexp:^1\\.")
        #expect(web.ignoreTags == ["latest"])
        #expect(web.platforms == ["linux/amd64"])
        #expect(web.constraint == "~1.20")
        #expect(web.helm.parameterNames == ("web.repository", "web.tag"))
        #expect(front.writeBack.target == WriteTarget(kind: .helmValues, path: "apps/shop-front/values.yaml"))
        #expect(front.writeBack.baseBranch == "main")

        #expect(result.applications[1].images.map(\.alias) == ["old"])
        #expect(result.applications[2].image(alias: "api")?.kustomizeImageName == "api")
    }

    @Test func invalidResourcesAreErrors() throws {
        let fixture = try Fixture()
        try fixture.write(
            "bad.yaml",
            Self.resource.replacingOccurrences(of: "namePattern: \"shop-*\"", with: "namePattern: \"shop-[\"")
        )
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.description.hasPrefix("bad.yaml:16: applicationRefs.namePattern") == true)
    }

    @Test(arguments: [
        ("shop-*", "shop-front", true), ("shop-*", "shop", false), ("a?c", "abc", true), ("[a-c]x", "bx", true),
        ("[^a-c]x", "bx", false), ("*", "anything", true), ("a\\*", "a*", true),
    ])
    func namePatternsFollowGoFilepathMatch(pattern: String, name: String, matches: Bool) throws {
        let glob = try #require(GlobPattern(pattern))
        #expect(glob.matches(name: name) == matches)
    }

    @Test(arguments: [
        ("**/*.yaml", "a/b/c.yaml", true), ("**/*.yaml", "c.yaml", true), ("apps/**", "apps/x/y", true),
        ("*.yaml", "a/c.yaml", false), ("a/**/b/*.yml", "a/x/y/b/z.yml", true),
    ])
    func pathGlobs(pattern: String, path: String, matches: Bool) throws {
        #expect(try #require(GlobPattern(pattern)).matches(path: path) == matches)
    }
}
