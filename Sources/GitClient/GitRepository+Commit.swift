import CLibGit2
import Foundation

extension GitRepository {
    /// Creates a commit on top of `parent` (or a root commit when `parent` is `nil`) that writes `files`
    /// (`nil` content deletes the path) and returns its id. No reference, index or working tree changes:
    /// the tree is built in memory, and the identities are given explicitly, so no git configuration is read.
    public func commit(
        files: [String: Data?],
        onto parent: GitOID?,
        message: String,
        author: GitSignature = .defaultIdentity,
        committer: GitSignature? = nil
    ) async throws -> GitOID {
        let operation = "commit onto \(parent?.short ?? "nothing")"
        for path in files.keys {
            try RepositoryPath.validate(path, operation: operation)
        }
        let committer = committer ?? author
        return try await withRepository { repository in
            let index = try Self.inMemoryIndex(of: parent, in: repository, operation: operation)
            defer { git_index_free(index) }
            for (path, content) in files.sorted(by: { $0.key < $1.key }) {
                if let content {
                    try Self.stage(content, at: path, in: index, repository: repository, operation: operation)
                } else if git_index_get_bypath(index, path, 0) != nil {
                    try LibGit2Call.check(git_index_remove(index, path, 0), operation: operation)
                }
            }
            var treeID = git_oid()
            try LibGit2Call.check(git_index_write_tree_to(&treeID, index, repository), operation: operation)
            var tree: OpaquePointer?
            try LibGit2Call.check(git_tree_lookup(&tree, repository, &treeID), operation: operation)
            defer { git_tree_free(tree) }

            var parentCommit: OpaquePointer?
            if var parentID = parent?.raw {
                try LibGit2Call.check(git_commit_lookup(&parentCommit, repository, &parentID), operation: operation)
            }
            defer { git_commit_free(parentCommit) }
            let authorSignature = try author.make(operation: operation)
            defer { git_signature_free(authorSignature) }
            let committerSignature = try committer.make(operation: operation)
            defer { git_signature_free(committerSignature) }

            let text = message.hasSuffix("\n") ? message : message + "\n"
            var parents: [OpaquePointer?] = parentCommit.map { [$0] } ?? []
            var commitID = git_oid()
            let code = parents.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(
                    &commitID, repository, nil, authorSignature, committerSignature, "UTF-8", text, tree,
                    buffer.count, buffer.baseAddress
                )
            }
            try LibGit2Call.check(code, operation: operation)
            return GitOID(commitID)
        }
    }

    /// Points the local branch `name` at `commit`, creating it if needed (tests and local bookkeeping).
    public func setBranch(_ name: String, to commit: GitOID) async throws {
        let operation = "set branch \(name)"
        try BranchName.validate(name, operation: operation)
        try await withRepository { repository in
            var oid = commit.raw
            var reference: OpaquePointer?
            try LibGit2Call.check(
                git_reference_create(&reference, repository, BranchName.reference(name), &oid, 1, "argocd-image-pr"),
                operation: operation
            )
            git_reference_free(reference)
        }
    }

    /// An index that lives only in memory, holding `parent`'s tree (or nothing).
    private static func inMemoryIndex(
        of parent: GitOID?,
        in repository: OpaquePointer,
        operation: String
    ) throws -> OpaquePointer {
        var index: OpaquePointer?
        try LibGit2Call.check(git_index_new(&index), operation: operation)
        let created = try unwrap(index, operation: operation)
        guard let parent else { return created }
        do {
            let tree = try Self.tree(of: parent, in: repository, operation: operation)
            defer { git_tree_free(tree) }
            try LibGit2Call.check(git_index_read_tree(created, tree), operation: operation)
            return created
        } catch {
            git_index_free(created)
            throw error
        }
    }

    /// Writes `content` as a blob and puts it at `path`, keeping an executable bit the path already had.
    private static func stage(
        _ content: Data,
        at path: String,
        in index: OpaquePointer,
        repository: OpaquePointer,
        operation: String
    ) throws {
        var blobID = git_oid()
        let code = content.withUnsafeBytes { bytes in
            git_blob_create_from_buffer(&blobID, repository, bytes.baseAddress, bytes.count)
        }
        try LibGit2Call.check(code, operation: operation)
        var mode = GIT_FILEMODE_BLOB.rawValue
        if let existing = git_index_get_bypath(index, path, 0),
            existing.pointee.mode == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue
        {
            mode = GIT_FILEMODE_BLOB_EXECUTABLE.rawValue
        }
        var entry = git_index_entry()
        entry.id = blobID
        entry.mode = mode
        entry.file_size = UInt32(truncatingIfNeeded: content.count)
        let added = path.withCString { cPath in
            entry.path = cPath
            return git_index_add(index, &entry)
        }
        try LibGit2Call.check(added, operation: operation)
    }
}
