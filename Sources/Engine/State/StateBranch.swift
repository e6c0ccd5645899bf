import Foundation
import GitClient

/// The bot-owned branch `<branchPrefix>state` of one target repository, holding `state.yaml`.
///
/// Every change is one commit pushed with compare-and-swap (a lease on the commit the state was read at); when
/// another run moved the branch first, the state is read again, the change applied to it anew and pushed again,
/// so no run ever loses another's change.
actor StateBranch {
    let branch: String
    private let repository: GitRepository
    private let url: String
    private let credentials: GitCredentials
    private let author: GitSignature
    private let dryRun: Bool
    /// The remote commit `state` was read from; nil when the branch does not exist yet.
    private var head: GitOID?
    private(set) var state: BotState
    /// Attempts before giving up when other runs keep moving the branch.
    private let maxAttempts = 5

    private init(
        branch: String, repository: GitRepository, url: String, credentials: GitCredentials, author: GitSignature,
        dryRun: Bool, head: GitOID?, state: BotState
    ) {
        self.branch = branch
        self.repository = repository
        self.url = url
        self.credentials = credentials
        self.author = author
        self.dryRun = dryRun
        self.head = head
        self.state = state
    }

    /// Reads the state at `remoteHead` (the branch's commit on the remote, nil when it does not exist).
    static func load(
        branch: String, remoteHead: GitOID?, repository: GitRepository, url: String, credentials: GitCredentials,
        author: GitSignature, dryRun: Bool
    ) async throws -> StateBranch {
        let state = try await read(at: remoteHead, branch: branch, repository: repository, credentials: credentials)
        return StateBranch(
            branch: branch, repository: repository, url: url, credentials: credentials, author: author,
            dryRun: dryRun, head: remoteHead, state: state)
    }

    /// Applies `change` (which returns false when there is nothing to change) and pushes it as one commit with
    /// `message`. Returns the commit, or nil when nothing changed. In a dry run the change is kept in memory only.
    @discardableResult
    func update(message: String, _ change: @Sendable (inout BotState) -> Bool) async throws -> GitOID? {
        for _ in 0..<maxAttempts {
            var next = state
            guard change(&next) else { return nil }
            let data = try StateFile.encode(next)
            let commit = try await repository.commit(
                files: [StateFile.path: data], onto: head, message: message, author: author)
            if dryRun {
                state = next
                return commit
            }
            do {
                try await repository.push(commit, to: branch, expectedRemoteOID: head, credentials: credentials)
                head = commit
                state = next
                return commit
            } catch let error as GitError where error.kind == .leaseMismatch || error.kind == .rejected {
                // Another run wrote first (a server checking the old value itself says "rejected"): start again
                // from what it wrote.
                let now =
                    error.kind == .leaseMismatch
                    ? error.currentRemoteOID
                    : try await GitRepository.remoteBranches(url: url, credentials: credentials)[branch]
                guard error.kind == .leaseMismatch || now != head else { throw error }
                head = now
                state = try await Self.read(
                    at: head, branch: branch, repository: repository, credentials: credentials)
            }
        }
        throw StateFileError("\(branch): the state branch kept moving under this run; try again")
    }

    private static func read(
        at commit: GitOID?, branch: String, repository: GitRepository, credentials: GitCredentials
    ) async throws -> BotState {
        guard let commit else { return BotState() }
        try await ObjectFetcher.ensure(commit, in: repository, credentials: credentials)
        guard let data = try await repository.readFile(path: StateFile.path, at: commit, maxBytes: StateFile.maxBytes)
        else { return BotState() }
        return try StateFile.decode(data, origin: "\(branch):\(StateFile.path)")
    }
}
