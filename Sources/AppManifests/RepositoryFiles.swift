import Foundation

/// The files of an Application's target repository at one revision, as planning reads them: a folder on
/// disk, or a commit read straight from a git object database.
///
/// Paths are relative to the repository root. Symlinks are followed while they stay inside the repository;
/// a path that leaves it is an error, never a read.
public protocol RepositoryFiles: Sendable {
    /// The bytes of the regular file at `path`, or nil when nothing is there. Throws when the path leads
    /// outside the repository, names a folder, or the file is over `limit` bytes or cannot be read.
    func contents(of path: String, limit: Int) async throws(ManifestError) -> Data?

    /// Whether anything (a file or a folder) is at `path`, inside the repository.
    func exists(_ path: String) async -> Bool
}
