import AppManifests
import Foundation
import GitClient
import Logging

/// Gives access to repositories once per repository and branch per run: local folders are read in place
/// (a working tree as it is on disk), remote repositories are cloned once into the run's scratch folder.
/// Target branches are read straight from the object database; only scanning for Applications needs a
/// checkout, made next to the clone.
actor CheckoutStore {
    private let scratch: URL
    private let credentials: @Sendable (String) async -> GitCredentials
    private let logger: Logger
    /// Working trees that `--repo` named: read as they are on disk, uncommitted edits included.
    private let workingTrees: Set<String>
    private var clones: [String: Task<GitRepository, any Error>] = [:]
    /// Local repositories opened so far; nil for a local folder that is not a repository.
    private var opened: [String: Task<GitRepository?, Never>] = [:]
    private var checkouts: [String: Task<URL, any Error>] = [:]
    private var trees: [String: Task<any RepositoryFiles, any Error>] = [:]
    private var counter = 0

    init(
        scratch: URL, workingTrees: Set<String>, logger: Logger,
        credentials: @escaping @Sendable (String) async -> GitCredentials
    ) {
        self.scratch = scratch
        self.workingTrees = workingTrees
        self.logger = logger
        self.credentials = credentials
    }

    /// A folder holding `location` at `branch` (nil: the default branch / what is on disk), for scanning.
    func folder(for location: RepositoryLocation, branch: String?) async throws -> URL {
        let key = Self.key(location, branch)
        if let task = checkouts[key] { return try await task.value }
        let task = Task { () throws -> URL in
            switch try await self.revision(of: location, branch: branch) {
            case .folder(let url):
                return url
            case .commit(let repository, let commit):
                let directory = self.nextScratchFolder()
                try await repository.checkout(commit, into: directory.path)
                return directory
            }
        }
        checkouts[key] = task
        return try await task.value
    }

    /// The files of `location` at `branch` (nil: the default branch / what is on disk), for planning.
    func files(for location: RepositoryLocation, branch: String?) async throws -> any RepositoryFiles {
        let key = Self.key(location, branch)
        if let task = trees[key] { return try await task.value }
        let task = Task { () throws -> any RepositoryFiles in
            switch try await self.revision(of: location, branch: branch) {
            case .folder(let url):
                return DiskFiles(root: url)
            case .commit(let repository, let commit):
                self.logger.debug(
                    "reading a branch from git objects",
                    metadata: [
                        "git.repository": "\(location)", "git.branch": "\(branch ?? "HEAD")",
                        "git.commit": "\(commit.short)",
                    ])
                return GitTreeFiles(repository: repository, commit: commit)
            }
        }
        trees[key] = task
        return try await task.value
    }

    /// Lets go of what `files(for:branch:)` keeps open for `location` at `branch`: planning is done with it.
    /// A later call opens it again; a clone stays, since `run` pushes from it.
    func release(_ location: RepositoryLocation, branch: String?) {
        trees[Self.key(location, branch)] = nil
        if case .local(let path) = location { opened[path] = nil }
    }

    /// The clone of a remote repository (made on first use), for pushing branches in `run`.
    func clone(of url: String) async throws -> GitRepository {
        if let task = clones[url] { return try await task.value }
        let path = nextScratchFolder(prefix: "clone").path
        let credentials = await credentials(url)
        let logger = logger
        let task = Task {
            try await GitRepository.clone(url: url, to: path, bare: true, credentials: credentials, logger: logger)
        }
        clones[url] = task
        return try await task.value
    }

    private static func key(_ location: RepositoryLocation, _ branch: String?) -> String {
        "\(location)#\(branch ?? "")"
    }

    private func nextScratchFolder(prefix: String = "tree") -> URL {
        counter += 1
        return scratch.appendingPathComponent("\(prefix)-\(counter)")
    }

    /// Where a repository's branch is: a folder to read as it is, or a commit in a repository.
    private enum Revision {
        case folder(URL)
        case commit(GitRepository, GitOID)
    }

    private func revision(of location: RepositoryLocation, branch: String?) async throws -> Revision {
        switch location {
        case .local(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CheckoutError("\(path): no such directory")
            }
            if workingTrees.contains(path) { return .folder(URL(fileURLWithPath: path)) }
            // Not a repository at all: plain files are read as they are.
            guard let repository = await open(path) else { return .folder(URL(fileURLWithPath: path)) }
            return try await revision(in: repository, branch: branch, name: path, fallback: repository.workingDirectory)
        case .remote(let url):
            let repository = try await clone(of: url)
            return try await revision(in: repository, branch: branch, name: RedactedURL(url).description, fallback: nil)
        }
    }

    private func open(_ path: String) async -> GitRepository? {
        if let task = opened[path] { return await task.value }
        let logger = logger
        let task = Task { try? await GitRepository(at: path, logger: logger) }
        opened[path] = task
        return await task.value
    }

    private func revision(
        in repository: GitRepository, branch: String?, name: String, fallback: String?
    ) async throws -> Revision {
        let revisions = branch.map { ["refs/heads/\($0)", "refs/remotes/origin/\($0)", $0] } ?? ["HEAD"]
        for revision in revisions {
            if let commit = try await repository.resolve(ref: revision) { return .commit(repository, commit) }
        }
        // A working tree whose branch does not exist yet (no commits): read what is on disk.
        if let fallback {
            let head = try? await repository.resolve(ref: "HEAD")
            if branch == nil || head == nil { return .folder(URL(fileURLWithPath: fallback)) }
        }
        throw CheckoutError("\(name): branch \(branch ?? "HEAD") not found")
    }
}

/// A repository or branch that cannot be read.
struct CheckoutError: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
