import CLibGit2
import Foundation
import Logging

extension GitRepository {
    /// Clones `url` (a path, `file://`, `http://` or `https://`) into `path` — the full history, since libgit2
    /// 1.5 cannot clone shallow. Non-bare clones check out `branch` (default: the remote's `HEAD`).
    public static func clone(
        url: String,
        to path: String,
        branch: String? = nil,
        bare: Bool = false,
        credentials: GitCredentials = .none,
        logger: Logger = GitRepository.defaultLogger
    ) async throws -> GitRepository {
        let operation = "clone into \(path)"
        try RemoteURL.validate(url, operation: operation)
        if let branch {
            try BranchName.validate(branch, operation: operation)
        }
        logger.debug("git clone", metadata: ["git.remote": "\(RemoteURL.redacted(url))", "git.path": "\(path)"])
        let worker = GitWorker(label: "clone")
        let handle = try await worker.run {
            let context = RemoteCallbacks(credentials: credentials, url: url)
            return try withExtendedLifetime(context) {
                var options = git_clone_options()
                try LibGit2Call.check(
                    git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)),
                    operation: operation
                )
                options.bare = bare ? 1 : 0
                // For a plain path libgit2 would copy the object folder file by file, which fails when a
                // writer is creating a temporary object there at that moment; its transport fetches a pack.
                options.local = GIT_CLONE_NO_LOCAL
                context.install(into: &options.fetch_opts.callbacks)
                options.fetch_opts.follow_redirects = context.redirects
                var repository: OpaquePointer?
                let code = withStringArray(context.headers) { headers in
                    options.fetch_opts.custom_headers = headers.pointee
                    return withOptionalCString(branch) { checkoutBranch in
                        options.checkout_branch = checkoutBranch
                        return git_clone(&repository, url, path, &options)
                    }
                }
                try context.check(code, operation: operation, remote: url)
                return try RepositoryHandle(unwrap(repository, operation: operation))
            }
        }
        return GitRepository(worker: worker, handle: handle, logger: logger)
    }

    /// Fetches from `remote` (a configured remote's name, or a URL) with `refspecs` (default: the remote's
    /// own), pruning remote-tracking branches that are gone.
    public func fetch(
        remote: String = "origin",
        refspecs: [String] = [],
        credentials: GitCredentials = .none
    ) async throws {
        let operation = "fetch"
        let logger = self.logger
        try await withRepository { repository in
            let remote = try RemoteHandle(remote, in: repository, operation: operation)
            logger.debug("git fetch", metadata: ["git.remote": "\(RemoteURL.redacted(remote.url))"])
            let context = RemoteCallbacks(credentials: credentials, url: remote.url)
            try withExtendedLifetime(context) {
                var options = git_fetch_options()
                try LibGit2Call.check(
                    git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)),
                    operation: operation
                )
                options.prune = GIT_FETCH_PRUNE
                options.follow_redirects = context.redirects
                context.install(into: &options.callbacks)
                let code = withStringArray(context.headers) { headers in
                    options.custom_headers = headers.pointee
                    return withStringArray(refspecs) { array in
                        git_remote_fetch(remote.pointer, refspecs.isEmpty ? nil : array, &options, nil)
                    }
                }
                try context.check(code, operation: operation, remote: remote.url)
            }
        }
    }

    /// The branches `url` advertises, by short name (`git ls-remote --heads`); needs no local repository.
    public static func remoteBranches(
        url: String,
        credentials: GitCredentials = .none
    ) async throws -> [String: GitOID] {
        let operation = "ls-remote"
        try RemoteURL.validate(url, operation: operation)
        return try await GitWorker(label: "ls-remote").run {
            let remote = try RemoteHandle(url, in: nil, operation: operation)
            let context = RemoteCallbacks(credentials: credentials, url: remote.url)
            return try withExtendedLifetime(context) {
                try remote.connect(GIT_DIRECTION_FETCH, context: context, operation: operation)
                var branches: [String: GitOID] = [:]
                for (name, oid) in try remote.advertisedReferences(operation: operation)
                where name.hasPrefix("refs/heads/") {
                    branches[String(name.dropFirst("refs/heads/".count))] = oid
                }
                return branches
            }
        }
    }
}

/// Runs `body` with a C string for `string`, or `nil`.
func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) throws -> R) rethrows -> R {
    guard let string else { return try body(nil) }
    return try string.withCString { try body($0) }
}
