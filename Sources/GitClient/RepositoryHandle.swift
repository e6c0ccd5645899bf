import CLibGit2

/// Owns one `git_repository`.
///
/// Unchecked `Sendable` is sound because the pointer is private to `GitRepository`, which only hands it to
/// closures running on its own serial `GitWorker`; the last reference frees it when nothing can still run.
final class RepositoryHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let gitDirectory: String
    let workingDirectory: String?

    /// Called on the worker that opened the repository, like every other use of the pointer.
    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        self.gitDirectory = String(cString: git_repository_path(pointer))
        self.workingDirectory = git_repository_workdir(pointer).map { String(cString: $0) }
    }

    deinit {
        git_repository_free(pointer)
    }
}
