import CLibGit2
import Foundation
import Logging

/// A local git repository, opened, created or cloned through libgit2.
///
/// Every method is `async` and runs its libgit2 work on the repository's own serial worker thread, so the
/// handle can be shared between tasks freely: calls on one repository run one at a time, calls on different
/// repositories run in parallel, and none of them blocks Swift's cooperative thread pool.
public final class GitRepository: Sendable {
    /// The repository's git directory (`.../.git/` or the bare repository itself).
    public let gitDirectory: String
    /// The checked-out working tree, or `nil` for a bare repository.
    public let workingDirectory: String?

    private let worker: GitWorker
    private let handle: RepositoryHandle
    let logger: Logger

    /// Opens the existing repository at `path` (a working tree, its `.git` directory, or a bare repository).
    public convenience init(at path: String, logger: Logger = GitRepository.defaultLogger) async throws {
        let worker = GitWorker(label: "open")
        let handle = try await worker.run {
            var repository: OpaquePointer?
            let code = git_repository_open_ext(&repository, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil)
            try LibGit2Call.check(code, operation: "open \(path)")
            return try RepositoryHandle(Self.unwrap(repository, operation: "open \(path)"))
        }
        self.init(worker: worker, handle: handle, logger: logger)
    }

    /// Creates an empty repository at `path` whose `HEAD` names `initialBranch`.
    public static func create(
        at path: String,
        bare: Bool = false,
        initialBranch: String = "main",
        logger: Logger = GitRepository.defaultLogger
    ) async throws -> GitRepository {
        let operation = "init \(path)"
        try BranchName.validate(initialBranch, operation: operation)
        let worker = GitWorker(label: "init")
        let handle = try await worker.run {
            var options = git_repository_init_options()
            try LibGit2Call.check(
                git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
                operation: operation
            )
            var flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
            if bare {
                flags |= GIT_REPOSITORY_INIT_BARE.rawValue
            }
            options.flags = UInt32(flags)
            var repository: OpaquePointer?
            let code = initialBranch.withCString { head in
                options.initial_head = head
                return git_repository_init_ext(&repository, path, &options)
            }
            try LibGit2Call.check(code, operation: operation)
            return try RepositoryHandle(Self.unwrap(repository, operation: operation))
        }
        return GitRepository(worker: worker, handle: handle, logger: logger)
    }

    init(worker: GitWorker, handle: RepositoryHandle, logger: Logger) {
        self.worker = worker
        self.handle = handle
        self.logger = logger
        self.gitDirectory = handle.gitDirectory
        self.workingDirectory = handle.workingDirectory
    }

    /// The logger used when the caller gives none.
    public static let defaultLogger = Logger(label: "argocd-image-pr.git")

    /// Runs `body` with the raw repository on this repository's worker — the only way to reach the handle.
    func withRepository<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        let handle = self.handle
        return try await worker.run { try body(handle.pointer) }
    }

    static func unwrap(_ pointer: OpaquePointer?, operation: String) throws -> OpaquePointer {
        guard let pointer else {
            throw GitError(.libgit2, operation: operation, message: "libgit2 returned no object")
        }
        return pointer
    }
}
