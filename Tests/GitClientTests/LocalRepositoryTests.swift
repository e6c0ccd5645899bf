import Foundation
import GitClient
import TestSupport
import Testing

@Suite("GitRepository, local")
struct LocalRepositoryTests {
    @Test("init a repository, commit a file, read it back")
    func commitAndReadBack() async throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let repository = try await GitRepository.create(at: directory.path)
        let content = Data("hello: world\n".utf8)
        let commit = try await repository.commit(
            files: ["apps/example.yaml": content],
            onto: nil,
            message: "first"
        )
        #expect(try await repository.readFile(path: "apps/example.yaml", at: commit) == content)
        #expect(try await repository.readFile(path: "apps/missing.yaml", at: commit) == nil)
        #expect(try await repository.listFiles(at: commit) == ["apps/example.yaml"])
        #expect(LibGit2.version.hasPrefix("1."))
    }
}
