import Foundation
import GitClient
import Logging

/// Materialises repositories as folders to read, once per repository and branch per run: local
/// folders are read in place (a working tree as it is on disk), remote repositories are cloned once
/// into the run's scratch folder and each wanted branch is checked out next to the clone.
actor CheckoutStore {
    private let scratch: URL
    private let credentials: @Sendable (String) async -> GitCredentials
    private let logger: Logger
    /// Working trees that `--repo` named: read as they are on disk, uncommitted edits included.
    private let workingTrees: Set<String>
    private var clones: [String: Task<GitRepository, any Error>] = [:]
    private var checkouts: [String: Task<URL, any Error>] = [:]
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

    /// A folder holding `location` at `branch` (nil: the default branch / what is on disk).
    func folder(for location: RepositoryLocation, branch: String?) async throws -> URL {
        let key = "\(location)#\(branch ?? "")"
        if let task = checkouts[key] { return try await task.value }
        let task = Task { try await self.materialise(location, branch: branch) }
        checkouts[key] = task
        return try await task.value
    }

    /// The clone of a remote repository (made on first use), for pushing branches in `run`.
    func clone(of url: String) async throws -> GitRepository {
        if let task = clones[url] { return try await task.value }
        counter += 1
        let path = scratch.appendingPathComponent("clone-\(counter)").path
        let credentials = await credentials(url)
        let logger = logger
        let task = Task {
            try await GitRepository.clone(url: url, to: path, bare: true, credentials: credentials, logger: logger)
        }
        clones[url] = task
        return try await task.value
    }

    private func materialise(_ location: RepositoryLocation, branch: String?) async throws -> URL {
        switch location {
        case .local(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CheckoutError("\(path): no such directory")
            }
            if workingTrees.contains(path) { return URL(fileURLWithPath: path) }
            // Not a repository at all: plain files are read as they are.
            guard let repository = try? await GitRepository(at: path, logger: logger) else {
                return URL(fileURLWithPath: path)
            }
            return try await checkout(repository, branch: branch, name: path, fallback: repository.workingDirectory)
        case .remote(let url):
            let repository = try await clone(of: url)
            return try await checkout(repository, branch: branch, name: RedactedURL(url).description, fallback: nil)
        }
    }

    private func checkout(
        _ repository: GitRepository, branch: String?, name: String, fallback: String?
    ) async throws
        -> URL
    {
        let revisions = branch.map { ["refs/heads/\($0)", "refs/remotes/origin/\($0)", $0] } ?? ["HEAD"]
        for revision in revisions {
            if let commit = try await repository.resolve(ref: revision) {
                counter += 1
                let directory = scratch.appendingPathComponent("tree-\(counter)")
                try await repository.checkout(commit, into: directory.path)
                return directory
            }
        }
        // A working tree whose branch does not exist yet (no commits): read what is on disk.
        if let fallback {
            let head = try? await repository.resolve(ref: "HEAD")
            if branch == nil || head == nil { return URL(fileURLWithPath: fallback) }
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
