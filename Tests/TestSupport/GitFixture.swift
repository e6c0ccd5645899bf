import Foundation

/// Builds and inspects git repositories with the git CLI, for fixtures and assertions.
///
/// Every call runs with an isolated environment (no system or global config, a fixed identity),
/// so fixtures behave the same on any machine.
public enum GitFixture {
    /// Path of the git executable.
    public static let git = "/usr/bin/git"

    /// The environment every git call gets: committer identity and no user or system config.
    public static var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_AUTHOR_NAME": "Fixture Author",
            "GIT_AUTHOR_EMAIL": "fixture@example.invalid",
            "GIT_COMMITTER_NAME": "Fixture Author",
            "GIT_COMMITTER_EMAIL": "fixture@example.invalid",
            "LC_ALL": "C",
        ]
    }

    /// Creates a bare repository at `url` holding one commit with `files` (path → contents) on `branch`.
    public static func makeBareRepository(
        at url: URL, files: [String: String], branch: String = "main", message: String = "Initial commit"
    ) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try run(["init", "--quiet", "--bare", "--initial-branch=\(branch)", url.path])
        let work = try TemporaryDirectory.make(prefix: "git-fixture")
        defer { TemporaryDirectory.remove(work) }
        try run(["init", "--quiet", "--initial-branch=\(branch)", work.path])
        try write(files, into: work)
        try run(["add", "--all"], in: work)
        try run(["commit", "--quiet", "--allow-empty", "-m", message], in: work)
        try run(["push", "--quiet", url.path, "HEAD:refs/heads/\(branch)"], in: work)
    }

    /// Commits `files` (path → contents; nil deletes) on top of `branch` of a bare repository, as if
    /// someone else pushed; creates `branch` from `from` when it does not exist yet. Returns the commit id.
    @discardableResult
    public static func commit(
        _ files: [String: String?], to branch: String, in repository: URL, from base: String? = nil,
        message: String = "Fixture commit"
    ) throws -> String {
        let work = try TemporaryDirectory.make(prefix: "git-fixture")
        defer { TemporaryDirectory.remove(work) }
        try run(["clone", "--quiet", "--no-checkout", repository.path, work.path])
        let start = branches(of: repository).contains(branch) ? branch : (base ?? branch)
        try run(["checkout", "--quiet", "-B", branch, "origin/\(start)"], in: work)
        for (path, contents) in files {
            if let contents {
                try write([path: contents], into: work)
            } else {
                try run(["rm", "--quiet", "--ignore-unmatch", "--", path], in: work)
            }
        }
        try run(["add", "--all"], in: work)
        try run(["commit", "--quiet", "--allow-empty", "-m", message], in: work)
        try run(["push", "--quiet", "--force", "origin", "HEAD:refs/heads/\(branch)"], in: work)
        return try run(["rev-parse", "HEAD"], in: work).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The contents of `path` on `branch` (or any revision), nil when the file or branch does not exist.
    public static func readFile(_ path: String, branch: String, repository: URL) -> String? {
        let result = try? Command.outputBlocking(
            git, ["--git-dir", repository.path, "show", "\(branch):\(path)"], environment: environment)
        guard let result, result.status == 0 else { return nil }
        return result.stdoutText
    }

    /// Branch names of a repository, sorted.
    public static func branches(of repository: URL) -> [String] {
        let output = try? Command.runBlocking(
            git,
            ["--git-dir", repository.path, "for-each-ref", "--format=%(refname:short)", "refs/heads/"],
            environment: environment)
        return (output ?? "").split(separator: "\n").map(String.init).sorted()
    }

    /// The commit id `branch` points at, nil when it does not exist.
    public static func head(of branch: String, repository: URL) -> String? {
        let result = try? Command.outputBlocking(
            git, ["--git-dir", repository.path, "rev-parse", "--verify", "--quiet", "refs/heads/\(branch)"],
            environment: environment)
        guard let result, result.status == 0 else { return nil }
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The full message of the commit at `revision`, nil when it does not exist.
    public static func commitMessage(_ revision: String, repository: URL) -> String? {
        let result = try? Command.outputBlocking(
            git, ["--git-dir", repository.path, "log", "-1", "--format=%B", revision], environment: environment)
        guard let result, result.status == 0 else { return nil }
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git with the fixture environment; throws with git's stderr when it fails.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> String {
        try Command.runBlocking(git, arguments, environment: environment, directory: directory)
    }

    private static func write(_ files: [String: String], into work: URL) throws {
        for (path, contents) in files {
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw TestSupportError.invalidArgument("git fixture: file path \(path) escapes the repository")
            }
            let file = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file)
        }
    }
}
