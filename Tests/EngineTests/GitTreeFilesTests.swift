import AppManifests
import Foundation
import GitClient
import TestSupport
import Testing

@testable import Engine

/// Planning reads target branches from git objects; it must see exactly what a checkout on disk shows.
@Suite("GitTreeFiles reads a commit as a checkout of it would read")
struct GitTreeFilesTests {
    /// Regular files, symlinks to files and folders inside, chains, loops, dangling and escaping links.
    static let links: [(String, String)] = [
        ("link-values.yaml", "chart/values.yaml"),
        ("dirlink", "chart"),
        ("chart/parent-link.yaml", "../top.yaml"),
        ("chain1", "chain2"),
        ("chain2", "chart/values.yaml"),
        ("dotted", "./chart/../chart/./values.yaml"),
        ("up.yaml", "../outside.yaml"),
        ("abs.yaml", "/etc/hostname"),
        ("dangling.yaml", "nowhere.yaml"),
        ("loop1", "loop2"),
        ("loop2", "loop1"),
        ("dirlink-up", "chart/.."),
    ]

    static let paths = [
        "top.yaml", "chart/values.yaml", "chart/Chart.yaml", "link-values.yaml", "dirlink/values.yaml",
        "dirlink/Chart.yaml", "chart/parent-link.yaml", "dirlink/parent-link.yaml", "chain1", "dotted", "up.yaml",
        "abs.yaml", "dangling.yaml", "loop1", "loop1/x", "dirlink-up/top.yaml", "chart", "dirlink", "missing.yaml",
        "chart/missing.yaml", "top.yaml/child", "dirlink/sub/deep.yaml", "exec.sh", ".", "a/../top.yaml",
    ]

    @Test("every path reads the same from the object database and from the checked-out folder")
    func sameAsCheckout() async throws {
        let work = try TemporaryDirectory.make(prefix: "tree-files")
        defer { TemporaryDirectory.remove(work) }
        let tree = work.appendingPathComponent("repo")
        try FileManager.default.createDirectory(
            at: tree.appendingPathComponent("chart/sub"), withIntermediateDirectories: true)
        try GitFixture.run(["init", "--quiet", "--initial-branch=main", tree.path])
        try Data("top: 1\n".utf8).write(to: tree.appendingPathComponent("top.yaml"))
        try Data("image:\n  tag: v1\n".utf8).write(to: tree.appendingPathComponent("chart/values.yaml"))
        try Data("name: c\n".utf8).write(to: tree.appendingPathComponent("chart/Chart.yaml"))
        try Data("deep: true\n".utf8).write(to: tree.appendingPathComponent("chart/sub/deep.yaml"))
        try Data("#!/bin/sh\n".utf8).write(to: tree.appendingPathComponent("exec.sh"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tree.path + "/exec.sh")
        try Data("secret\n".utf8).write(to: work.appendingPathComponent("outside.yaml"))
        for (link, target) in Self.links {
            try FileManager.default.createSymbolicLink(
                atPath: tree.appendingPathComponent(link).path, withDestinationPath: target)
        }
        try GitFixture.run(["add", "--all"], in: tree)
        try GitFixture.run(["commit", "--quiet", "-m", "fixture"], in: tree)

        let repository = try await GitRepository(at: tree.path)
        let head = try #require(try await repository.resolve(ref: "HEAD"))
        let fromGit = GitTreeFiles(repository: repository, commit: head)
        let fromDisk = DiskFiles(root: tree)
        for path in Self.paths {
            let git = await Self.outcome(fromGit, path)
            let disk = await Self.outcome(fromDisk, path)
            #expect(git == disk, "\(path)")
            #expect(await fromGit.exists(path) == fromDisk.exists(path), "\(path)")
        }
        // Spot checks, so that both agreeing on something wrong cannot pass.
        #expect(await Self.outcome(fromGit, "dirlink/values.yaml") == "file:image:\n  tag: v1\n")
        #expect(await Self.outcome(fromGit, "dirlink/parent-link.yaml") == "file:top: 1\n")
        #expect(await Self.outcome(fromGit, "up.yaml") == "error:outside")
        #expect(await Self.outcome(fromGit, "loop1") == "error:outside")
        #expect(await Self.outcome(fromGit, "dangling.yaml") == "none")
        #expect(await Self.outcome(fromGit, "chart") == "error:folder")
    }

    @Test("a file over the limit is refused unread, naming the path")
    func overLimit() async throws {
        let work = try TemporaryDirectory.make(prefix: "tree-files-limit")
        defer { TemporaryDirectory.remove(work) }
        let bare = work.appendingPathComponent("origin.git")
        try GitFixture.makeBareRepository(at: bare, files: ["values.yaml": String(repeating: "a", count: 100)])
        let repository = try await GitRepository(at: bare.path)
        let head = try #require(try await repository.resolve(ref: "main"))
        let files = GitTreeFiles(repository: repository, commit: head)
        let error = try await #require(throws: ManifestError.self) {
            try await files.contents(of: "values.yaml", limit: 10)
        }
        #expect(error.description == "values.yaml: file is larger than 10 bytes; refused")
        #expect(try await files.contents(of: "values.yaml", limit: 100)?.count == 100)
    }

    private static func outcome(_ files: some RepositoryFiles, _ path: String) async -> String {
        do {
            guard let data = try await files.contents(of: path, limit: 1 << 20) else { return "none" }
            return "file:" + String(decoding: data, as: UTF8.self)
        } catch {
            if error.description.contains("outside") { return "error:outside" }
            if error.description.contains("folder") { return "error:folder" }
            return "error:\(error)"
        }
    }
}
