import Foundation
import Testing

@testable import TestSupport

@Suite("Git HTTP server")
struct GitHTTPServerTests {
    @Test("clone and push with the right token; wrong or missing token rejected")
    func tokenAuth() async throws {
        try await TemporaryDirectory.with { root in
            let repository = root.appendingPathComponent("deploy.git")
            try GitFixture.makeBareRepository(at: repository, files: ["apps/a.yaml": "kind: Application\n"])
            #expect(GitFixture.branches(of: repository) == ["main"])

            try await withGitHTTPServer(root: root, token: "t0ken") { server in
                let url = server.url(for: "deploy")
                let work = root.appendingPathComponent("work")
                try await Self.git(["-c", "http.extraHeader=Authorization: Bearer t0ken", "clone", url, work.path])
                #expect(
                    try String(contentsOf: work.appendingPathComponent("apps/a.yaml"), encoding: .utf8)
                        == "kind: Application\n")

                try Data("hello\n".utf8).write(to: work.appendingPathComponent("new.txt"))
                try await Self.git(["add", "new.txt"], in: work)
                try await Self.git(["commit", "-m", "Add new"], in: work)
                let credentialed = url.replacingOccurrences(of: "http://", with: "http://x-access-token:t0ken@")
                try await Self.git(["push", credentialed, "HEAD:refs/heads/feature"], in: work)
                #expect(GitFixture.branches(of: repository) == ["feature", "main"])
                #expect(GitFixture.readFile("new.txt", branch: "feature", repository: repository) == "hello\n")
                #expect(GitFixture.commitMessage("feature", repository: repository) == "Add new")

                let wrong = try await Self.gitStatus([
                    "-c", "http.extraHeader=Authorization: Bearer wrong", "ls-remote", url,
                ])
                #expect(wrong != 0)
                let missing = try await Self.gitStatus(["ls-remote", url])
                #expect(missing != 0)
                let requests = await server.requests()
                #expect(requests.contains { $0.header("Authorization") == "Bearer t0ken" })
            }
        }
    }

    @Test("without a token anyone can clone")
    func noAuth() async throws {
        try await TemporaryDirectory.with { root in
            let repository = root.appendingPathComponent("open.git")
            try GitFixture.makeBareRepository(at: repository, files: ["README": "hi\n"], branch: "trunk")
            try await withGitHTTPServer(root: root, token: nil) { server in
                let output = try await Self.git(["ls-remote", server.url(for: "open")])
                #expect(output.contains("refs/heads/trunk"))
            }
        }
    }

    @Test("GitFixture.commit adds commits and branches like another pusher")
    func fixtureCommit() throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let repository = root.appendingPathComponent("r.git")
        try GitFixture.makeBareRepository(at: repository, files: ["a": "1\n", "b": "2\n"])
        let before = GitFixture.head(of: "main", repository: repository)
        let id = try GitFixture.commit(["a": "changed\n", "b": nil], to: "main", in: repository, message: "Edit")
        #expect(GitFixture.head(of: "main", repository: repository) == id)
        #expect(id != before)
        #expect(GitFixture.readFile("a", branch: "main", repository: repository) == "changed\n")
        #expect(GitFixture.readFile("b", branch: "main", repository: repository) == nil)
        try GitFixture.commit(["c": "3\n"], to: "topic", in: repository, from: "main")
        #expect(GitFixture.branches(of: repository) == ["main", "topic"])
        #expect(GitFixture.head(of: "missing", repository: repository) == nil)
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: URL? = nil) async throws -> String {
        try await Command.run(GitFixture.git, arguments, environment: GitFixture.environment, directory: directory)
    }

    static func gitStatus(_ arguments: [String]) async throws -> Int32 {
        try await Command.output(GitFixture.git, arguments, environment: GitFixture.environment).status
    }
}
