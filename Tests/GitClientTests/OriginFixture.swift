import Foundation
import GitClient
import TestSupport

/// A scratch directory holding a bare `origin.git` whose `main` has one commit made by the git CLI.
struct OriginFixture {
    let directory: URL
    let origin: URL
    let mainCommit: GitOID

    static let seedFile = "apps/example.yaml"
    static let seedContent = "name: example\n"

    static func make() async throws -> OriginFixture {
        let directory = try TemporaryDirectory.make(prefix: "git-client")
        let origin = directory.appendingPathComponent("origin.git")
        let seed = directory.appendingPathComponent("seed")
        try await GitCLI.run(["init", "-q", "--bare", "-b", "main", origin.path])
        try await GitCLI.run(["init", "-q", "-b", "main", seed.path])
        try FileManager.default.createDirectory(
            at: seed.appendingPathComponent("apps"),
            withIntermediateDirectories: true
        )
        try Data(seedContent.utf8).write(to: seed.appendingPathComponent(seedFile))
        try await GitCLI.run(["add", "."], in: seed)
        try await GitCLI.run(["commit", "-q", "-m", "seed"], in: seed)
        try await GitCLI.run(["push", "-q", origin.path, "main"], in: seed)
        let mainCommit = try oid(try await GitCLI.run(["rev-parse", "main"], in: seed))
        return OriginFixture(directory: directory, origin: origin, mainCommit: mainCommit)
    }

    func remove() {
        TemporaryDirectory.remove(directory)
    }

    /// A fresh path inside the fixture for a clone or checkout.
    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// Where `branch` points in origin, as the git CLI sees it; `nil` when it does not exist.
    func originBranch(_ branch: String) async throws -> GitOID? {
        let (status, output, _) = try await GitCLI.output([
            "--git-dir", origin.path, "rev-parse", "--verify", "--quiet", "refs/heads/\(branch)",
        ])
        guard status == 0 else { return nil }
        return GitOID(hex: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Someone else's commit on top of `parent`, made in origin with the git CLI and put on `branch`.
    @discardableResult
    func moveBranchBySomeoneElse(_ branch: String, onto parent: GitOID) async throws -> GitOID {
        let hex = try await GitCLI.run([
            "--git-dir", origin.path, "commit-tree", "\(parent.hex)^{tree}", "-p", parent.hex, "-m", "by hand",
        ])
        try await GitCLI.run(["--git-dir", origin.path, "update-ref", "refs/heads/\(branch)", hex])
        return try oid(hex)
    }
}

/// Parses a hex id printed by the git CLI.
func oid(_ hex: String) throws -> GitOID {
    guard let parsed = GitOID(hex: hex) else { throw GitCLI.Failure(description: "not an object id: '\(hex)'") }
    return parsed
}
