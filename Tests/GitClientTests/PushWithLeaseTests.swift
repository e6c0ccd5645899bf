import Foundation
import GitClient
import TestSupport
import Testing

@Suite("GitRepository, local remotes")
struct PushWithLeaseTests {
    static let branch = "argocd-image-pr/example"

    @Test("clone, commit on a new branch, push, read back with the git CLI", arguments: [false, true])
    func cloneCommitPush(viaFileURL: Bool) async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let url = viaFileURL ? fixture.origin.absoluteString : fixture.origin.path
        #expect(url.hasPrefix("file://") == viaFileURL)

        let clone = try await GitRepository.clone(url: url, to: fixture.path("clone"))
        let base = try #require(try await clone.resolve(ref: "origin/main"))
        #expect(base == fixture.mainCommit)
        let content = Data("image: frontend:main-b99bc73\n".utf8)
        let commit = try await clone.commit(
            files: ["apps/.argocd-source-example.yaml": content],
            onto: base,
            message: "update example"
        )
        try await clone.push(commit, to: Self.branch, expectedRemoteOID: nil, protectedBranches: ["main"])

        #expect(try await fixture.originBranch(Self.branch) == commit)
        let shown = try await GitCLI.run([
            "--git-dir", fixture.origin.path, "show", "\(Self.branch):apps/.argocd-source-example.yaml",
        ])
        #expect(shown == "image: frontend:main-b99bc73")
        let identity = try await GitCLI.run([
            "--git-dir", fixture.origin.path, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%P|%s", Self.branch,
        ])
        let expectedIdentity = "argocd-image-pr <argocd-image-pr@noreply.invalid>"
        #expect(identity == "\(expectedIdentity)|\(expectedIdentity)|\(base.hex)|update example")
        let files = try await GitCLI.run([
            "--git-dir", fixture.origin.path, "ls-tree", "-r", "--name-only", Self.branch,
        ])
        #expect(files.split(separator: "\n") == ["apps/.argocd-source-example.yaml", "apps/example.yaml"])
        #expect(try await fixture.originBranch("main") == fixture.mainCommit)
    }

    @Test("a push whose lease is stale fails and changes nothing")
    func staleLease() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let clone = try await GitRepository.clone(url: fixture.origin.path, to: fixture.path("clone"))
        let first = try await clone.commit(files: ["a.txt": Data("1".utf8)], onto: fixture.mainCommit, message: "1")
        try await clone.push(first, to: Self.branch, expectedRemoteOID: nil)

        let moved = try await fixture.moveBranchBySomeoneElse(Self.branch, onto: first)
        let second = try await clone.commit(files: ["a.txt": Data("2".utf8)], onto: first, message: "2")
        let error = try await #require(throws: GitError.self) {
            try await clone.push(second, to: Self.branch, expectedRemoteOID: first)
        }
        #expect(error.kind == .leaseMismatch)
        #expect(error.currentRemoteOID == moved)
        #expect(error.description.contains(moved.short))
        #expect(try await fixture.originBranch(Self.branch) == moved)

        // The same push with the right expectation goes through (and may rewrite the branch).
        try await clone.push(second, to: Self.branch, expectedRemoteOID: moved)
        #expect(try await fixture.originBranch(Self.branch) == second)
    }

    @Test("expecting a branch to be absent fails when it exists")
    func expectedAbsentButExists() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let existing = try await fixture.moveBranchBySomeoneElse(Self.branch, onto: fixture.mainCommit)
        let clone = try await GitRepository.clone(url: fixture.origin.path, to: fixture.path("clone"), bare: true)
        let commit = try await clone.commit(files: ["b.txt": Data("b".utf8)], onto: fixture.mainCommit, message: "b")
        let error = try await #require(throws: GitError.self) {
            try await clone.push(commit, to: Self.branch, expectedRemoteOID: nil)
        }
        #expect(error.kind == .leaseMismatch)
        #expect(error.currentRemoteOID == existing)
        #expect(try await fixture.originBranch(Self.branch) == existing)
    }

    @Test("a protected branch is never pushed to")
    func protectedBranch() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let clone = try await GitRepository.clone(url: fixture.origin.path, to: fixture.path("clone"))
        let commit = try await clone.commit(files: ["c.txt": Data("c".utf8)], onto: fixture.mainCommit, message: "c")
        let error = try await #require(throws: GitError.self) {
            try await clone.push(commit, to: "main", expectedRemoteOID: fixture.mainCommit, protectedBranches: ["main"])
        }
        #expect(error.kind == .protectedBranch)
        #expect(try await fixture.originBranch("main") == fixture.mainCommit)
    }

    @Test("delete with lease: wrong expectation keeps the branch, right one deletes it")
    func deleteWithLease() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let tip = try await fixture.moveBranchBySomeoneElse(Self.branch, onto: fixture.mainCommit)
        let clone = try await GitRepository.clone(url: fixture.origin.path, to: fixture.path("clone"))

        let stale = try await #require(throws: GitError.self) {
            try await clone.deleteRemoteBranch(Self.branch, expectedOID: fixture.mainCommit)
        }
        #expect(stale.kind == .leaseMismatch)
        #expect(stale.currentRemoteOID == tip)
        #expect(try await fixture.originBranch(Self.branch) == tip)

        try await clone.deleteRemoteBranch(Self.branch, expectedOID: tip)
        #expect(try await fixture.originBranch(Self.branch) == nil)
        #expect(try await fixture.originBranch("main") == fixture.mainCommit)

        let gone = try await #require(throws: GitError.self) {
            try await clone.deleteRemoteBranch(Self.branch, expectedOID: tip)
        }
        #expect(gone.kind == .leaseMismatch)
        #expect(gone.currentRemoteOID == nil)

        let protected = try await #require(throws: GitError.self) {
            try await clone.deleteRemoteBranch("main", expectedOID: fixture.mainCommit, protectedBranches: ["main"])
        }
        #expect(protected.kind == .protectedBranch)
    }

    @Test("ls-remote lists branches by short name")
    func remoteBranches() async throws {
        let fixture = try await OriginFixture.make()
        defer { fixture.remove() }
        let tip = try await fixture.moveBranchBySomeoneElse(Self.branch, onto: fixture.mainCommit)
        let branches = try await GitRepository.remoteBranches(url: fixture.origin.path)
        #expect(branches == ["main": fixture.mainCommit, Self.branch: tip])
    }
}
