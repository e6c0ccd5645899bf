import Foundation
import Testing

@testable import AppManifests

@Suite struct ManifestScannerTests {
    @Test func seedApplicationIsFoundWithItsAnnotations() throws {
        let fixture = try Fixture.seed()
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let app = try #require(result.applications.first)
        #expect(result.applications.count == 1)
        #expect(app.name == "example")
        #expect(app.location.description == "argocd/application.yaml:1")
        #expect(app.images.map(\.alias) == ["frontend", "backend"])
        let frontend = try #require(app.image(alias: "frontend"))
        #expect(frontend.imageName == "lyzhang1999/frontend")
        #expect(frontend.constraint == nil)
        #expect(frontend.updateStrategy == "latest")
        #expect(frontend.allowTags == "regexp:^main")
        #expect(frontend.pullSecret == "pullsecret:argocd/dockerhub-secret")
        #expect(frontend.helm.parameterNames.name == "frontend.image")
        #expect(frontend.helm.parameterNames.tag == "frontend.tag")
        #expect(app.writeBack.target == WriteTarget(kind: .overrideFile, path: ".argocd-source-example.yaml"))
        #expect(app.writeBack.credentials == .repositoryCredentials)
        #expect(app.targetRepoURL == "https://github.com/lyzhang1999/kubernetes-example-helm.git")
        #expect(app.baseBranch == "main")
    }

    @Test func brokenYAMLIsOneErrorWhileOtherFilesStillYieldApplications() throws {
        let fixture = try Fixture.seed()
        try fixture.write("broken/bad.yaml", "a: 1\nb: [unclosed\nc: 3\n")
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.applications.map(\.name) == ["example"])
        #expect(result.errors.count == 1)
        let message = try #require(result.errors.first?.description)
        #expect(message.hasPrefix("broken/bad.yaml:"))
        #expect(!message.contains("\n"))
    }

    @Test func badDocumentAnywhereMakesTheWholeFileAnError() throws {
        let fixture = try Fixture()
        try fixture.write("apps.yaml", Fixture.seedApplication + "---\nkey: [oops\n")
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.applications.isEmpty)
        #expect(result.errors.count == 1)
    }

    @Test func multiDocumentFilesAndOtherKindsAreSkippedSilently() throws {
        let fixture = try Fixture()
        let second = Fixture.seedApplication.replacingOccurrences(of: "name: example", with: "name: second")
        try fixture.write(
            "all.yml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n" + Fixture.seedApplication + "---\n" + second
                + "---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: plain\nspec: {}\n"
        )
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.applications.map(\.name) == ["example", "second"])
        #expect(result.applications.map(\.location.line) == [6, 33])
    }

    @Test func duplicateKeysAreAnErrorNamingTheLine() throws {
        let fixture = try Fixture()
        try fixture.write("dup.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nkind: Application\n")
        let result = ManifestScanner().scan(root: fixture.root)
        let error = try #require(result.errors.first)
        #expect(error.description.hasPrefix("dup.yaml:"))
        #expect(error.description.contains("duplicate key"))
    }

    @Test func deepNestingIsRefused() throws {
        let fixture = try Fixture()
        try fixture.write(
            "deep.yaml", "a: " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n")
        try fixture.write("deeper.yaml", "a: " + String(repeating: "[", count: 5000) + "\n")
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.errors.count == 2)
        #expect(result.errors.allSatisfy { $0.description.contains("nesting") })
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let fixture = try Fixture()
        try fixture.write("bomb.yaml", text)
        try fixture.write("keybomb.yaml", "a: &a [x, y]\n? *a\n: value\n")
        let start = Date()
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(result.errors.count == 2)
        #expect(result.errors.contains { $0.description.contains("alias expansion exceeds 10000 nodes") })
    }

    @Test func smallAliasesAreFine() throws {
        let fixture = try Fixture()
        try fixture.write("ok.yaml", "base: &b {x: 1}\nother: *b\n")
        #expect(ManifestScanner().scan(root: fixture.root).errors.isEmpty)
    }

    @Test func oversizedFilesAreRefused() throws {
        let fixture = try Fixture()
        try fixture.write("big.yaml", String(repeating: "# padding\n", count: 200))
        let scanner = ManifestScanner(limits: YAMLLimits(maxFileSize: 1000))
        let result = scanner.scan(root: fixture.root)
        #expect(result.errors.map(\.description) == ["big.yaml: file is larger than 1000 bytes; refused"])
    }

    @Test(arguments: [
        (String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE])),
        (.utf16BigEndian, [0xFE, 0xFF]),
        (.utf32LittleEndian, [0xFF, 0xFE, 0x00, 0x00]),
        (.utf8, [0xEF, 0xBB, 0xBF]),
    ])
    func byteOrderMarkedFilesAreRead(encoding: String.Encoding, bom: [UInt8]) throws {
        let fixture = try Fixture()
        try fixture.write("app.yaml", Data(bom) + Fixture.seedApplication.data(using: encoding)!)
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.applications.map(\.name) == ["example"])
    }

    @Test func invalidUTF8IsAnError() throws {
        let fixture = try Fixture()
        try fixture.write("bad.yaml", Data([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A]))
        #expect(ManifestScanner().scan(root: fixture.root).errors.count == 1)
    }

    @Test func customTagsArePlainData() throws {
        let fixture = try Fixture()
        let tagged = Fixture.seedApplication.replacingOccurrences(
            of: "  project: default",
            with: "  project: !!python/object/apply:os.system [\"touch /tmp/pwned\"]\n  other: !custom value"
        )
        try fixture.write("app.yaml", tagged)
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.applications.count == 1)
    }

    @Test func symlinksOutOfTheRepositoryAreNotRead() throws {
        let outside = try Fixture()
        try outside.write("secret/app.yaml", Fixture.seedApplication)
        let fixture = try Fixture()
        try fixture.link("linked-dir", to: outside.root.appendingPathComponent("secret").path)
        try fixture.link("linked.yaml", to: outside.root.appendingPathComponent("secret/app.yaml").path)
        try fixture.write(
            "inside/real.yaml", Fixture.seedApplication.replacingOccurrences(of: "name: example", with: "name: inside"))
        try fixture.link("alias.yaml", to: "inside/real.yaml")
        let result = ManifestScanner().scan(root: fixture.root)
        #expect(result.errors.isEmpty)
        #expect(result.applications.map(\.location.path) == ["alias.yaml", "inside/real.yaml"])
    }

    @Test func pathGlobsSelectFiles() throws {
        let fixture = try Fixture.seed()
        try fixture.write(
            "other/app.yaml", Fixture.seedApplication.replacingOccurrences(of: "name: example", with: "name: other"))
        let result = ManifestScanner().scan(root: fixture.root, paths: ["argocd/*.yaml"])
        #expect(result.applications.map(\.name) == ["example"])
        #expect(
            ManifestScanner().scan(root: fixture.root, paths: ["**/app.yaml"]).applications.map(\.name) == ["other"])
    }

    @Test func namespacedOverrideFileName() throws {
        let fixture = try Fixture()
        try fixture.write(
            "app.yaml", Fixture.seedApplication.replacingOccurrences(of: "namespace: argocd", with: "namespace: team-a")
        )
        let app = try #require(ManifestScanner().scan(root: fixture.root).applications.first)
        #expect(app.writeBack.target.path == ".argocd-source-team-a_example.yaml")
        let custom = try #require(
            ManifestScanner(argocdNamespace: "team-a").scan(root: fixture.root).applications.first)
        #expect(custom.writeBack.target.path == ".argocd-source-example.yaml")
    }
}
