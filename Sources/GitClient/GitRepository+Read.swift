import CLibGit2
import Foundation

extension GitRepository {
    /// The commit a revision names (`main`, `origin/main`, `refs/heads/x`, a full hex id...), or `nil` when
    /// it names nothing.
    public func resolve(ref: String) async throws -> GitOID? {
        let operation = "resolve \(ref)"
        return try await withRepository { repository in
            var object: OpaquePointer?
            let code = git_revparse_single(&object, repository, ref)
            if code == GIT_ENOTFOUND.rawValue { return nil }
            try LibGit2Call.check(code, operation: operation)
            defer { git_object_free(object) }
            var commit: OpaquePointer?
            try LibGit2Call.check(
                git_object_peel(&commit, object, GIT_OBJECT_COMMIT),
                operation: operation,
                kind: .invalidArgument
            )
            defer { git_object_free(commit) }
            return GitOID(git_object_id(commit).pointee)
        }
    }

    /// The content of the regular file at `path` in `commit`, or `nil` when there is no regular file there
    /// (missing, a directory, a symlink or a submodule). Files over `maxBytes` are refused unread.
    public func readFile(path: String, at commit: GitOID, maxBytes: Int = 16 << 20) async throws -> Data? {
        let operation = "read \(path) at \(commit.short)"
        try RepositoryPath.validate(path, operation: operation)
        return try await withRepository { repository in
            let tree = try Self.tree(of: commit, in: repository, operation: operation)
            defer { git_tree_free(tree) }
            var entry: OpaquePointer?
            let code = git_tree_entry_bypath(&entry, tree, path)
            if code == GIT_ENOTFOUND.rawValue { return nil }
            try LibGit2Call.check(code, operation: operation)
            defer { git_tree_entry_free(entry) }
            let mode = git_tree_entry_filemode(entry)
            guard mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE else { return nil }
            return try Self.blob(of: entry, in: repository, limit: maxBytes, operation: operation)
        }
    }

    /// The bytes of the blob a tree entry names, refused unread when over `limit`.
    static func blob(
        of entry: OpaquePointer?, in repository: OpaquePointer, limit: Int, operation: String
    ) throws
        -> Data
    {
        var blob: OpaquePointer?
        try LibGit2Call.check(git_blob_lookup(&blob, repository, git_tree_entry_id(entry)), operation: operation)
        defer { git_blob_free(blob) }
        let size = git_blob_rawsize(blob)
        guard size <= limit else {
            throw GitError(.tooLarge, operation: operation, message: "\(size) bytes, limit is \(limit)")
        }
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: bytes, count: Int(size))
    }

    /// The paths of all regular files in `commit`, sorted; symlinks and submodules are left out.
    public func listFiles(at commit: GitOID) async throws -> [String] {
        let operation = "list files at \(commit.short)"
        return try await withRepository { repository in
            let tree = try Self.tree(of: commit, in: repository, operation: operation)
            defer { git_tree_free(tree) }
            let collector = PathCollector()
            let code = withExtendedLifetime(collector) {
                git_tree_walk(
                    tree, GIT_TREEWALK_PRE, collectRegularFile, Unmanaged.passUnretained(collector).toOpaque())
            }
            try LibGit2Call.check(code, operation: operation)
            return collector.paths.sorted()
        }
    }

    /// Writes the files of `commit` into `directory` (created if needed), leaving the repository's own
    /// working tree and index untouched — how the engine gets a tree of a branch to read manifests from.
    public func checkout(_ commit: GitOID, into directory: String) async throws {
        let operation = "checkout \(commit.short) into \(directory)"
        try await withRepository { repository in
            let tree = try Self.tree(of: commit, in: repository, operation: operation)
            defer { git_tree_free(tree) }
            // An empty baseline makes every file of the target an addition, so all of them are written.
            var emptyIndex: OpaquePointer?
            try LibGit2Call.check(git_index_new(&emptyIndex), operation: operation)
            defer { git_index_free(emptyIndex) }
            var options = git_checkout_options()
            try LibGit2Call.check(
                git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)),
                operation: operation
            )
            options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DONT_UPDATE_INDEX.rawValue
            options.baseline_index = emptyIndex
            let code = directory.withCString { target in
                options.target_directory = target
                return git_checkout_tree(repository, tree, &options)
            }
            try LibGit2Call.check(code, operation: operation)
        }
    }

    static func tree(of commit: GitOID, in repository: OpaquePointer, operation: String) throws -> OpaquePointer {
        var oid = commit.raw
        var object: OpaquePointer?
        try LibGit2Call.check(git_commit_lookup(&object, repository, &oid), operation: operation)
        defer { git_commit_free(object) }
        var tree: OpaquePointer?
        try LibGit2Call.check(git_commit_tree(&tree, object), operation: operation)
        return try unwrap(tree, operation: operation)
    }
}

/// Collects paths during `git_tree_walk`; lives only for one walk on the worker thread.
private final class PathCollector {
    var paths: [String] = []
}

private func collectRegularFile(
    root: UnsafePointer<CChar>?,
    entry: OpaquePointer?,
    payload: UnsafeMutableRawPointer?
) -> Int32 {
    guard let root, let entry, let payload, let name = git_tree_entry_name(entry) else { return 0 }
    let mode = git_tree_entry_filemode(entry)
    guard mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE else { return 0 }
    let collector = Unmanaged<PathCollector>.fromOpaque(payload).takeUnretainedValue()
    collector.paths.append(String(cString: root) + String(cString: name))
    return 0
}
