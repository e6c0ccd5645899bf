import AppManifests
import Foundation
import GitClient

/// A branch of a repository read straight from its object database, as a checkout of it would read:
/// planning needs a handful of small files per Application, and writing every file of every chart
/// repository to disk first cost more than reading them.
struct GitTreeFiles: RepositoryFiles {
    let repository: GitRepository
    let commit: GitOID

    func contents(of path: String, limit: Int) async throws(ManifestError) -> Data? {
        let location = ManifestLocation(path: path, line: 0)
        guard let relative = RepoPath.relative(path) else {
            throw ManifestError.invalidPath(location, "path leaves the repository")
        }
        let target: TreePathTarget
        do {
            target = try await repository.lookup(path: relative, at: commit, maxBytes: limit)
        } catch let error as GitError where error.kind == .tooLarge {
            throw ManifestError.tooLarge(location, limit: limit)
        } catch {
            throw ManifestError.unreadable(location, "cannot read file: \(error)")
        }
        switch target {
        case .file(let data): return data
        case .missing: return nil
        case .directory: throw ManifestError.unreadable(location, "is a folder, not a file")
        case .outside: throw ManifestError.invalidPath(location, "path leads outside the repository through a symlink")
        }
    }

    func exists(_ path: String) async -> Bool {
        guard let relative = RepoPath.relative(path),
            let target = try? await repository.lookup(path: relative, at: commit, readingFiles: false)
        else { return false }
        switch target {
        case .file, .directory: return true
        case .missing, .outside: return false
        }
    }
}
