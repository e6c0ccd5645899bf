import CLibGit2
import Foundation
import Logging

extension GitRepository {
    /// Points the remote branch `branch` at `commit` if, and only if, it is now at `expectedRemoteOID`
    /// (`nil`: it must not exist) — a force-push with lease.
    ///
    /// The lease is checked against the references the server advertises on the push connection itself, and
    /// the same old value goes to the server in the update command, so a server that moves the branch in
    /// between refuses the update. A mismatch throws `.leaseMismatch` (with `currentRemoteOID`) and changes
    /// nothing; a server refusal throws `.rejected` with its reason; branches in `protectedBranches` (pass the
    /// base branch) are refused before anything is sent.
    public func push(
        _ commit: GitOID,
        to branch: String,
        expectedRemoteOID: GitOID?,
        remote: String = "origin",
        protectedBranches: Set<String> = [],
        credentials: GitCredentials = .none
    ) async throws {
        try await updateRemoteBranch(
            branch,
            to: commit,
            expected: expectedRemoteOID,
            remote: remote,
            protectedBranches: protectedBranches,
            credentials: credentials
        )
    }

    /// Deletes the remote branch `branch` if, and only if, it is now at `expectedOID`; same lease, errors
    /// and protection as `push`.
    public func deleteRemoteBranch(
        _ branch: String,
        expectedOID: GitOID,
        remote: String = "origin",
        protectedBranches: Set<String> = [],
        credentials: GitCredentials = .none
    ) async throws {
        try await updateRemoteBranch(
            branch,
            to: nil,
            expected: expectedOID,
            remote: remote,
            protectedBranches: protectedBranches,
            credentials: credentials
        )
    }

    private func updateRemoteBranch(
        _ branch: String,
        to commit: GitOID?,
        expected: GitOID?,
        remote: String,
        protectedBranches: Set<String>,
        credentials: GitCredentials
    ) async throws {
        let reference = BranchName.reference(branch)
        let operation = commit == nil ? "delete \(reference)" : "push \(reference)"
        try BranchName.validate(branch, operation: operation)
        guard !protectedBranches.contains(branch) else {
            throw GitError(.protectedBranch, operation: operation, message: "'\(branch)' is protected; not touched")
        }
        let logger = self.logger
        try await withRepository { repository in
            let remote = try RemoteHandle(remote, in: repository, operation: operation)
            let context = RemoteCallbacks(credentials: credentials, url: remote.url)
            context.leases[reference] = expected
            try withExtendedLifetime(context) {
                var callbacks = try remote.connect(GIT_DIRECTION_PUSH, context: context, operation: operation)

                // An early, readable answer; the push negotiation callback checks again on what is sent.
                let current = try remote.advertisedReferences(operation: operation)[reference]
                guard current == expected else {
                    throw GitError.leaseMismatch(
                        reference: reference,
                        expected: expected,
                        current: current,
                        operation: operation,
                        remote: remote.url
                    )
                }

                var options = git_push_options()
                try LibGit2Call.check(
                    git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)),
                    operation: operation
                )
                options.callbacks = callbacks
                options.follow_redirects = context.redirects
                // libgit2 1.5 pushes from a reference, not an object id: a uniquely named scratch reference
                // outside refs/heads stands in for the commit, and goes away afterwards.
                let source = try commit.map {
                    try ScratchReference(pointingAt: $0, in: repository, operation: operation)
                }
                // `+`: the lease replaces the fast-forward rule, as `git push --force-with-lease` does.
                let refspec = source.map { "+\($0.name):\(reference)" } ?? ":\(reference)"
                let code = withStringArray(context.headers) { headers in
                    options.custom_headers = headers.pointee
                    return withStringArray([refspec]) { git_remote_upload(remote.pointer, $0, &options) }
                }
                withExtendedLifetime(source) {}
                try context.check(code, operation: operation, remote: remote.url)
                try context.checkRejections(operation: operation, remote: remote.url)

                // Keeps remote-tracking branches of a named remote in step; the push itself already succeeded.
                if git_remote_update_tips(remote.pointer, &callbacks, 0, GIT_REMOTE_DOWNLOAD_TAGS_UNSPECIFIED, nil) < 0
                {
                    logger.debug("git remote-tracking update failed after push", metadata: ["git.ref": "\(reference)"])
                }
                logger.debug(
                    "git \(commit == nil ? "deleted" : "pushed")",
                    metadata: [
                        "git.remote": "\(RemoteURL.redacted(remote.url))", "git.ref": "\(reference)",
                        "git.oid": "\(commit?.hex ?? "-")",
                    ]
                )
            }
        }
    }
}
