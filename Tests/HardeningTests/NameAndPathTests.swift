import AppManifests
import Foundation
import TestSupport
import Testing

@testable import GitClient

/// Names and paths an Application author controls: Kubernetes names, branch names at the git layer,
/// and repository paths that try to leave the repository through `..` or symlinks.
@Suite("names and paths")
struct NameAndPathTests {
    @Test(arguments: ["../x", "Team_A", "-ns", "ns-", String(repeating: "n", count: 64), "a.b"])
    func invalidNamespacesAreRefused(namespace: String) throws {
        let root = try TemporaryDirectory.make(prefix: "hardening-ns")
        defer { TemporaryDirectory.remove(root) }
        let text = ChartFixture.application(
            name: "demo", images: [.init(alias: "web", reference: "nginx")], repoURL: "https://example.com/r.git"
        ).replacingOccurrences(of: "namespace: argocd", with: "namespace: \"\(namespace)\"")
        try Data(text.utf8).write(to: root.appendingPathComponent("app.yaml"))
        let result = ManifestScanner().scan(root: root)
        #expect(result.applications.isEmpty, "\(namespace) accepted")
        #expect(result.errors.count == 1, "\(result.errors)")
    }

    @Test(arguments: [
        "", "-x", "refs/heads/x", "a..b", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "x.lock", "/x", "x/",
        "a//b", "a@{1}", ".x", "x/.y", "x\u{7F}", "x\u{1B}", "main\u{0}", "main\u{0}evil",
    ])
    func gitRefusesBranchNames(name: String) {
        // Outside a repository operation nothing has initialised libgit2 yet.
        LibGit2.ensureInitialised()
        #expect(throws: GitError.self, "\(name.debugDescription) accepted") {
            try BranchName.validate(name, operation: "push")
        }
    }

    @Test(arguments: ["main", "argocd-image-pr/example", "release-1.2", "feature/x_y"])
    func gitAcceptsBranchNames(name: String) throws {
        LibGit2.ensureInitialised()
        try BranchName.validate(name, operation: "push")
    }

    @Test("paths through symlinks that leave the repository are refused before any read or write")
    func symlinkedPaths() throws {
        let outside = try TemporaryDirectory.make(prefix: "hardening-outside")
        defer { TemporaryDirectory.remove(outside) }
        try Data("secret: yes\n".utf8).write(to: outside.appendingPathComponent("values.yaml"))
        let root = try TemporaryDirectory.make(prefix: "hardening-repo")
        defer { TemporaryDirectory.remove(root) }
        let links: [(String, String)] = [
            ("dir", outside.path),
            ("file.yaml", outside.appendingPathComponent("values.yaml").path),
            ("dangling.yaml", outside.appendingPathComponent("missing.yaml").path),
            ("relative.yaml", "../" + outside.lastPathComponent + "/values.yaml"),
            // A chain: the first link stays inside, the second leaves, and the final file does not exist.
            ("chain.yaml", "hop.yaml"),
            ("hop.yaml", outside.appendingPathComponent("new.yaml").path),
        ]
        for (name, destination) in links {
            try FileManager.default.createSymbolicLink(
                atPath: root.appendingPathComponent(name).path, withDestinationPath: destination)
        }
        for path in [
            "dir/values.yaml", "dir/new.yaml", "file.yaml", "dangling.yaml", "relative.yaml", "chain.yaml",
            "../x", "a/../../x", "/etc/passwd",
        ] {
            #expect(throws: ManifestError.self, "\(path) resolved") { try RepoPath.resolve(path, in: root) }
        }
        #expect(try RepoPath.resolve("inside/new.yaml", in: root).path.hasPrefix(root.resolvingSymlinksInPath().path))
    }

    @Test("a values file that is a symlink out of the repository is not read")
    func symlinkedValuesFile() async throws {
        let outside = try TemporaryDirectory.make(prefix: "hardening-outside-values")
        defer { TemporaryDirectory.remove(outside) }
        try Data("web:\n  image: nginx\n  tag: from-outside\n".utf8).write(to: outside.appendingPathComponent("v.yaml"))
        let root = try TemporaryDirectory.make(prefix: "hardening-values")
        defer { TemporaryDirectory.remove(root) }
        try Data("apiVersion: v2\nname: x\nversion: 0.1.0\n".utf8).write(to: root.appendingPathComponent("Chart.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("values.yaml").path,
            withDestinationPath: outside.appendingPathComponent("v.yaml").path)
        let text = ChartFixture.application(
            name: "demo", images: [.init(alias: "web", reference: "nginx")], repoURL: "https://example.com/r.git")
        try Data(text.utf8).write(to: root.appendingPathComponent("app.yaml"))
        let app = try #require(ManifestScanner().scan(root: root).applications.first)
        do {
            let currents = try await CurrentImageResolver().resolve(app: app, files: DiskFiles(root: root))
            #expect(!currents.values.contains { "\($0)".contains("from-outside") }, "\(currents)")
        } catch {
            #expect(error.description.contains("symlink"), "\(error)")
        }
    }
}
