import CLibGit2
import Foundation

/// What a path in a commit leads to once the symlinks on the way are followed inside the repository.
public enum TreePathTarget: Sendable, Equatable {
    /// A regular file (executable or not) and its bytes.
    case file(Data)
    /// A folder (or a submodule, which a checkout leaves as an empty folder).
    case directory
    /// Nothing: no such entry, a dangling symlink, or a file used as a folder.
    case missing
    /// The path leaves the repository: through `..` above the root, an absolute symlink, or a symlink loop.
    case outside
}

extension GitRepository {
    /// Follows `path` through `commit`'s tree the way a checkout of it would be read: symlinks are
    /// resolved against the folder that holds them, as the kernel does, so the planner can read a
    /// branch straight from the object database instead of writing a working tree first.
    /// Regular files over `maxBytes` are refused unread; with `readingFiles` false a file is found but not read.
    public func lookup(
        path: String, at commit: GitOID, maxBytes: Int = 16 << 20, readingFiles: Bool = true
    ) async throws -> TreePathTarget {
        let operation = "read \(path) at \(commit.short)"
        return try await withRepository { repository in
            let tree = try Self.tree(of: commit, in: repository, operation: operation)
            defer { git_tree_free(tree) }
            let walk = TreeWalk(
                repository: repository, tree: tree, operation: operation, maxBytes: readingFiles ? maxBytes : nil)
            return try walk.follow(path)
        }
    }
}

/// One path lookup on the worker thread: a stack of names still to visit and the real folder reached so far.
private struct TreeWalk {
    let repository: OpaquePointer
    let tree: OpaquePointer
    let operation: String
    /// Nil: files are found, not read.
    let maxBytes: Int?
    /// Like the kernel's `SYMLOOP_MAX`.
    private static let maximumSymlinkHops = 40
    /// A symlink's target is a path; anything longer is not one a checkout could follow either.
    private static let maximumLinkBytes = 4096

    init(repository: OpaquePointer, tree: OpaquePointer, operation: String, maxBytes: Int?) {
        self.repository = repository
        self.tree = tree
        self.operation = operation
        self.maxBytes = maxBytes
    }

    func follow(_ path: String) throws -> TreePathTarget {
        if path.hasPrefix("/") { return .outside }
        var pending = Array(path.split(separator: "/").reversed())
        var folder: [Substring] = []
        var hops = 0
        while let name = pending.popLast() {
            if name == "." { continue }
            if name == ".." {
                guard !folder.isEmpty else { return .outside }
                folder.removeLast()
                continue
            }
            let here = (folder + [name]).joined(separator: "/")
            var entry: OpaquePointer?
            let code = git_tree_entry_bypath(&entry, tree, here)
            if code == GIT_ENOTFOUND.rawValue { return .missing }
            try LibGit2Call.check(code, operation: operation)
            defer { git_tree_entry_free(entry) }
            switch git_tree_entry_filemode(entry) {
            case GIT_FILEMODE_TREE:
                folder.append(name)
            case GIT_FILEMODE_LINK:
                hops += 1
                guard hops <= Self.maximumSymlinkHops else { return .outside }
                let target = try blob(of: entry, limit: Self.maximumLinkBytes)
                guard let text = String(data: target, encoding: .utf8), !text.isEmpty else { return .missing }
                if text.hasPrefix("/") { return .outside }
                pending += text.split(separator: "/").reversed()
            case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
                guard pending.allSatisfy({ $0 == "." }) else { return .missing }
                guard let maxBytes else { return .file(Data()) }
                return .file(try blob(of: entry, limit: maxBytes))
            default:
                // A submodule: checked out as an empty folder.
                return pending.allSatisfy({ $0 == "." }) ? .directory : .missing
            }
        }
        return .directory
    }

    private func blob(of entry: OpaquePointer?, limit: Int) throws -> Data {
        try GitRepository.blob(of: entry, in: repository, limit: limit, operation: operation)
    }
}
