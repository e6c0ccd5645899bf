import Foundation
import GitClient

/// Puts an Application's files on its head branch: one commit on top of the base, pushed with a lease, and
/// nothing pushed when the branch already holds exactly that.
struct BranchWriter: Sendable {
    let clone: GitRepository
    /// The remote's URL, for reading where a branch is after losing a race.
    let url: String
    let credentials: GitCredentials
    let author: GitSignature
    let dryRun: Bool
    /// Pushes attempted while other runs keep moving the branch.
    let maxAttempts = 3

    enum Outcome: Sendable, Equatable {
        case unchanged(GitOID)
        case pushed(GitOID)
        /// Dry run: the commit that would have been pushed.
        case wouldPush(GitOID)
    }

    /// - Parameters:
    ///   - current: where the branch is on the remote now (nil: it does not exist).
    ///   - fresh: write a new commit even when the branch already holds the files (`/rebase`); a branch another
    ///     run moved meanwhile is taken as it is.
    func write(
        _ files: [FileChange], branch: String, base: String, baseCommit: GitOID, current: GitOID?, message: String,
        fresh: Bool = false
    ) async throws -> Outcome {
        var current = current
        var commit: GitOID?
        for attempt in 0..<maxAttempts {
            if let current, !(fresh && attempt == 0), try await holds(files, at: current, onTopOf: baseCommit) {
                return .unchanged(current)
            }
            let made: GitOID
            if let commit {
                made = commit
            } else {
                made = try await clone.commit(
                    files: Dictionary(uniqueKeysWithValues: files.map { ($0.path, Data($0.content.utf8)) }),
                    onto: baseCommit, message: message, author: author)
            }
            commit = made
            if dryRun { return .wouldPush(made) }
            do {
                try await clone.push(
                    made, to: branch, expectedRemoteOID: current, protectedBranches: [base], credentials: credentials)
                return .pushed(made)
            } catch let error as GitError where error.kind == .leaseMismatch {
                // Another run moved the branch: look at what it pushed, and converge.
                current = error.currentRemoteOID
            } catch let error as GitError where error.kind == .rejected {
                // A server that checks the old value itself reports a lost race as a refused update.
                let now = try await GitRepository.remoteBranches(url: url, credentials: credentials)[branch]
                guard now != current else { throw error }
                current = now
            }
        }
        throw RunError("branch \(branch) of \(RedactedURL(url)) kept moving under this run; try again")
    }

    /// Deletes the branch if it is still at `expected`; a branch someone moved since is left alone.
    func delete(branch: String, expected: GitOID, base: String) async throws -> Bool {
        if dryRun { return true }
        do {
            try await clone.deleteRemoteBranch(
                branch, expectedOID: expected, protectedBranches: [base], credentials: credentials)
            return true
        } catch let error as GitError where error.kind == .leaseMismatch {
            return false
        } catch let error as GitError where error.kind == .rejected {
            let now = try await GitRepository.remoteBranches(url: url, credentials: credentials)[branch]
            guard now != expected else { throw error }
            return false
        }
    }

    /// Whether `commit` is exactly `files` written on top of `base`: its parent is the base, the files hold the
    /// planned text and no other path was added or removed.
    func holds(_ files: [FileChange], at commit: GitOID, onTopOf base: GitOID) async throws -> Bool {
        try await ObjectFetcher.ensure(commit, in: clone, credentials: credentials)
        guard try await clone.resolve(ref: commit.hex + "^") == base else { return false }
        for file in files {
            guard try await clone.readFile(path: file.path, at: commit) == Data(file.content.utf8) else { return false }
        }
        let expected = Set(try await clone.listFiles(at: base)).union(files.map(\.path))
        return Set(try await clone.listFiles(at: commit)) == expected
    }
}
