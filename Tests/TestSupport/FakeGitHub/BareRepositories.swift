import Foundation

/// The fake GitHub's bare repositories (`<root>/<owner>/<name>.git`), driven with the git command line.
struct BareRepositories: Sendable {
    let root: URL

    func directory(owner: String, name: String) -> URL {
        root.appendingPathComponent(owner, isDirectory: true).appendingPathComponent("\(name).git", isDirectory: true)
    }

    /// A new bare repository; with `files`, its default branch gets one commit holding them.
    func create(owner: String, name: String, defaultBranch: String, files: [String: String]) async throws -> URL {
        let directory = directory(owner: owner, name: name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await git(["init", "--quiet", "--bare", "--initial-branch=\(defaultBranch)", directory.path])
        try await git(["--git-dir", directory.path, "config", "http.receivepack", "true"])
        if !files.isEmpty {
            try await commit(files: files, on: defaultBranch, message: "Initial commit", in: directory, create: true)
        }
        return directory
    }

    /// The commit a branch points at, or nil when there is no such branch.
    func sha(of branch: String, in directory: URL) async throws -> String? {
        let output = try await Command.output(
            "/usr/bin/env",
            ["git", "--git-dir", directory.path, "rev-parse", "--verify", "--quiet", "refs/heads/\(branch)^{commit}"],
            environment: Self.environment)
        guard output.status == 0 else { return nil }
        return output.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Deletes a branch; false when it did not exist.
    func deleteBranch(_ branch: String, in directory: URL) async throws -> Bool {
        guard try await sha(of: branch, in: directory) != nil else { return false }
        try await git(["--git-dir", directory.path, "update-ref", "-d", "refs/heads/\(branch)"])
        return true
    }

    func createBranch(_ branch: String, from base: String, in directory: URL) async throws {
        try await git(["--git-dir", directory.path, "branch", branch, base])
    }

    /// Commits `files` (path → content) on top of `branch` (or as its first commit with `create`), as a
    /// person pushing by hand would.
    func commit(
        files: [String: String], on branch: String, message: String, in directory: URL, create: Bool = false
    )
        async throws
    {
        let work = try TemporaryDirectory.make(prefix: "fake-github-work")
        defer { TemporaryDirectory.remove(work) }
        if create {
            try await git(["init", "--quiet", "--initial-branch=\(branch)", work.path])
        } else {
            try await git(["clone", "--quiet", "--branch", branch, directory.path, work.path])
        }
        for (path, content) in files {
            let file = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: file)
        }
        try await git(["-C", work.path, "add", "--all"])
        try await git(["-C", work.path, "commit", "--quiet", "--allow-empty", "-m", message])
        try await git(["-C", work.path, "push", "--quiet", directory.path, "HEAD:refs/heads/\(branch)"])
    }

    private func git(_ arguments: [String]) async throws {
        let output = try await Command.output("/usr/bin/env", ["git"] + arguments, environment: Self.environment)
        guard output.status == 0 else {
            throw FakeGitHubError("git \(arguments.first ?? "") failed: \(output.stderrText)")
        }
    }

    /// No user or system configuration, a fixed identity.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "Fake Person",
            "GIT_AUTHOR_EMAIL": "person@example.invalid", "GIT_COMMITTER_NAME": "Fake Person",
            "GIT_COMMITTER_EMAIL": "person@example.invalid", "GIT_TERMINAL_PROMPT": "0",
        ]) { _, new in new }
        return environment
    }()
}

extension BareRepositories {
    /// Every branch and the commit it points at.
    func branches(in directory: URL) async throws -> [String: String] {
        let output = try await Command.output(
            "/usr/bin/env",
            [
                "git", "--git-dir", directory.path, "for-each-ref", "--format=%(refname:strip=2) %(objectname)",
                "refs/heads",
            ],
            environment: Self.environment)
        guard output.status == 0 else { throw FakeGitHubError("git for-each-ref failed: \(output.stderrText)") }
        var branches: [String: String] = [:]
        for line in output.stdoutText.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { branches[String(parts[0])] = String(parts[1]) }
        }
        return branches
    }
}
