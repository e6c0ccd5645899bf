import Foundation
import GitClient
import TestSupport
import Testing

@Suite("GitRepository over smart HTTP with a token")
struct SmartHTTPTests {
    static let token = "t0ken-under-test"
    static let branch = "argocd-image-pr/example"

    /// A served bare `charts.git` with one commit on `main`, and a scratch directory for clones.
    private func withServedRepository(
        _ body: (GitHTTPServer, _ repository: URL, _ scratch: URL) async throws -> Void
    ) async throws {
        let root = try TemporaryDirectory.make(prefix: "git-http-root")
        defer { TemporaryDirectory.remove(root) }
        let scratch = try TemporaryDirectory.make(prefix: "git-http-clones")
        defer { TemporaryDirectory.remove(scratch) }
        let repository = root.appendingPathComponent("charts.git")
        try GitFixture.makeBareRepository(at: repository, files: ["apps/example.yaml": "name: example\n"])
        try await withGitHTTPServer(root: root, token: Self.token) { server in
            try await body(server, repository, scratch)
        }
    }

    @Test("the right token clones, pushes and lists branches")
    func rightToken() async throws {
        try await withServedRepository { server, repository, scratch in
            let credentials = GitCredentials.github(token: Self.token)
            let clone = try await GitRepository.clone(
                url: server.url(for: "charts"),
                to: scratch.appendingPathComponent("clone").path,
                credentials: credentials
            )
            let base = try #require(try await clone.resolve(ref: "origin/main"))
            let commit = try await clone.commit(
                files: ["apps/.argocd-source-example.yaml": Data("x: 1\n".utf8)],
                onto: base,
                message: "update"
            )
            try await clone.push(commit, to: Self.branch, expectedRemoteOID: nil, credentials: credentials)
            #expect(GitFixture.head(of: Self.branch, repository: repository) == commit.hex)
            #expect(
                GitFixture.readFile(".argocd-source-example.yaml", branch: Self.branch, repository: repository) == nil)
            #expect(
                GitFixture.readFile("apps/.argocd-source-example.yaml", branch: Self.branch, repository: repository)
                    == "x: 1\n"
            )

            let branches = try await GitRepository.remoteBranches(
                url: server.url(for: "charts"), credentials: credentials)
            #expect(branches == ["main": base, Self.branch: commit])

            try await clone.fetch(credentials: credentials)
            #expect(try await clone.resolve(ref: "origin/\(Self.branch)") == commit)

            let moved = try oid(GitFixture.commit(["other.txt": "someone"], to: Self.branch, in: repository))
            let stale = try await #require(throws: GitError.self) {
                try await clone.deleteRemoteBranch(Self.branch, expectedOID: commit, credentials: credentials)
            }
            #expect(stale.kind == .leaseMismatch)
            #expect(stale.currentRemoteOID == moved)
            try await clone.deleteRemoteBranch(Self.branch, expectedOID: moved, credentials: credentials)
            #expect(GitFixture.head(of: Self.branch, repository: repository) == nil)
        }
    }

    @Test(
        "a wrong or missing token fails quickly with a clear error that does not show the token",
        arguments: [GitCredentials.github(token: "wr0ng-token-value"), .token(username: "oauth2", password: ""), .none]
    )
    func wrongToken(credentials: GitCredentials) async throws {
        try await withServedRepository { server, _, scratch in
            let started = ContinuousClock.now
            let error = try await #require(throws: GitError.self) {
                try await GitRepository.clone(
                    url: server.url(for: "charts"),
                    to: scratch.appendingPathComponent("clone").path,
                    credentials: credentials
                )
            }
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(error.kind == .authentication)
            #expect(!error.description.contains("wr0ng-token-value"))
            #expect(!error.description.contains(Self.token))
            #expect(error.description.contains(server.baseURL))
            // The retry cap: a handful of requests, not an endless loop.
            #expect(await server.requests().count <= 5)

            let listing = try await #require(throws: GitError.self) {
                try await GitRepository.remoteBranches(url: server.url(for: "charts"), credentials: credentials)
            }
            #expect(listing.kind == .authentication)
        }
    }

    @Test("a push the server refuses reports the server's reason and changes nothing")
    func serverRejection() async throws {
        try await withServedRepository { server, repository, scratch in
            let hook = repository.appendingPathComponent("hooks/pre-receive")
            let script = "#!/bin/sh\necho 'policy: branch names must be approved' >&2\nexit 1\n"
            try Data(script.utf8).write(to: hook)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

            let credentials = GitCredentials.github(token: Self.token)
            let clone = try await GitRepository.clone(
                url: server.url(for: "charts"),
                to: scratch.appendingPathComponent("clone").path,
                bare: true,
                credentials: credentials
            )
            let base = try #require(try await clone.resolve(ref: "origin/main"))
            let commit = try await clone.commit(files: ["x.txt": Data("x".utf8)], onto: base, message: "x")
            let error = try await #require(throws: GitError.self) {
                try await clone.push(commit, to: Self.branch, expectedRemoteOID: nil, credentials: credentials)
            }
            #expect(error.kind == .rejected)
            #expect(error.description.contains("pre-receive hook declined"))
            #expect(error.description.contains("policy: branch names must be approved"))
            #expect(!error.description.contains(Self.token))
            #expect(GitFixture.head(of: Self.branch, repository: repository) == nil)
        }
    }
}
