import Foundation
import GitClient
import TestSupport
import Testing

@Suite("GitRepository, reading and committing")
struct RepositoryReadWriteTests {
    @Test("a commit updates, adds and deletes files and keeps the rest")
    func commitChanges() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let repository = try await GitRepository(at: fixture.origin.path)
        let commit = try await repository.commit(
            files: [
                OriginFixture.seedFile: nil,
                "apps/new.yaml": Data("new\n".utf8),
                "README.md": Data("readme\n".utf8),
            ],
            onto: fixture.mainCommit,
            message: "change",
            author: GitSignature(
                name: "Ada", email: "ada@example.invalid", date: Date(timeIntervalSince1970: 1_700_000_000))
        )
        #expect(try await repository.listFiles(at: commit) == ["README.md", "apps/new.yaml"])
        #expect(try await repository.readFile(path: OriginFixture.seedFile, at: commit) == nil)
        #expect(
            try await repository.readFile(path: OriginFixture.seedFile, at: fixture.mainCommit)
                == Data(OriginFixture.seedContent.utf8))
        let log = try await GitCLI.run([
            "--git-dir", fixture.origin.path, "log", "-1", "--format=%an <%ae> %at", commit.hex,
        ])
        #expect(log == "Ada <ada@example.invalid> 1700000000")
        // Nothing but the object database changed: no branch moved.
        #expect(try await fixture.originBranch("main") == fixture.mainCommit)
    }

    @Test("resolve names commits and answers nil for unknown names")
    func resolve() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let repository = try await GitRepository(at: fixture.origin.path)
        #expect(try await repository.resolve(ref: "main") == fixture.mainCommit)
        #expect(try await repository.resolve(ref: "refs/heads/main") == fixture.mainCommit)
        #expect(try await repository.resolve(ref: fixture.mainCommit.hex) == fixture.mainCommit)
        #expect(try await repository.resolve(ref: "no-such-branch") == nil)
    }

    @Test(
        "paths that leave the tree are refused",
        arguments: ["", "/etc/passwd", "../x", "a/../../x", "a//b", ".git/config", "a/.GIT/x", "a/", "a\nb"]
    )
    func badPaths(path: String) async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let repository = try await GitRepository(at: fixture.origin.path)
        let readError = try await #require(throws: GitError.self) {
            try await repository.readFile(path: path, at: fixture.mainCommit)
        }
        #expect(readError.kind == .invalidArgument)
        let writeError = try await #require(throws: GitError.self) {
            try await repository.commit(files: [path: Data()], onto: fixture.mainCommit, message: "x")
        }
        #expect(writeError.kind == .invalidArgument)
    }

    @Test("files over the limit are refused unread")
    func tooLarge() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let repository = try await GitRepository(at: fixture.origin.path)
        let error = try await #require(throws: GitError.self) {
            try await repository.readFile(path: OriginFixture.seedFile, at: fixture.mainCommit, maxBytes: 4)
        }
        #expect(error.kind == .tooLarge)
    }

    @Test("a commit can be written into a separate directory")
    func checkoutIntoDirectory() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let clone = try await GitRepository.clone(url: fixture.origin.path, to: fixture.path("clone"), bare: true)
        #expect(clone.workingDirectory == nil)
        let commit = try await clone.commit(
            files: ["charts/values.yaml": Data("tag: x\n".utf8)],
            onto: fixture.mainCommit,
            message: "x"
        )
        let target = fixture.path("tree")
        try await clone.checkout(commit, into: target)
        let values = try String(contentsOfFile: target + "/charts/values.yaml", encoding: .utf8)
        #expect(values == "tag: x\n")
        let seed = try String(contentsOfFile: target + "/" + OriginFixture.seedFile, encoding: .utf8)
        #expect(seed == OriginFixture.seedContent)
        #expect(!FileManager.default.fileExists(atPath: target + "/.git"))
    }

    @Test("a non-bare clone checks out the requested branch")
    func cloneChecksOut() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let clone = try await GitRepository.clone(url: fixture.origin.path, to: fixture.path("clone"), branch: "main")
        let workingDirectory = try #require(clone.workingDirectory)
        let seed = try String(contentsOfFile: workingDirectory + OriginFixture.seedFile, encoding: .utf8)
        #expect(seed == OriginFixture.seedContent)
    }

    @Test(
        "unsupported or malformed remotes are refused before any connection",
        arguments: ["ssh://git@example.com/x.git", "git@example.com:x.git", "git://example.com/x", "ext::sh -c x", ""]
    )
    func unsupportedRemotes(url: String) async throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let error = try await #require(throws: GitError.self) {
            try await GitRepository.clone(url: url, to: directory.appendingPathComponent("c").path)
        }
        #expect(error.kind == .invalidArgument)
    }

    @Test("a URL's user information never reaches an error message")
    func redactsUserInformation() async throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        // Port 1 on loopback refuses the connection at once.
        let error = try await #require(throws: GitError.self) {
            try await GitRepository.clone(
                url: "http://someone:s3cr3t-token@127.0.0.1:1/repo.git",
                to: directory.appendingPathComponent("c").path,
                credentials: .github(token: "another-s3cr3t")
            )
        }
        #expect(!error.description.contains("s3cr3t"))
        #expect(error.description.contains("127.0.0.1"))
    }

    @Test("several calls at once, on one repository and on many, all complete")
    func concurrentCalls() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let shared = try await GitRepository(at: fixture.origin.path)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let content = Data("value \(index)\n".utf8)
                    let commit = try await shared.commit(
                        files: ["f\(index).txt": content],
                        onto: fixture.mainCommit,
                        message: "\(index)"
                    )
                    return try await shared.readFile(path: "f\(index).txt", at: commit) == content
                }
                group.addTask {
                    // The commits above write temporary object files while these clones read the repository.
                    let clone = try await GitRepository.clone(
                        url: fixture.origin.path,
                        to: fixture.path("clone-\(index)"),
                        bare: index.isMultiple(of: 2)
                    )
                    return try await clone.resolve(ref: "origin/main") == fixture.mainCommit
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 })
    }
}
