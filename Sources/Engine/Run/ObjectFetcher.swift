import GitClient

/// Makes sure a commit another run pushed after the clone was made is in the local clone.
enum ObjectFetcher {
    static func ensure(_ commit: GitOID, in repository: GitRepository, credentials: GitCredentials) async throws {
        if try await repository.resolve(ref: commit.hex) != nil { return }
        try await repository.fetch(refspecs: ["+refs/heads/*:refs/remotes/origin/*"], credentials: credentials)
        guard try await repository.resolve(ref: commit.hex) != nil else {
            throw RunError("commit \(commit.short) is no longer on the remote; try again")
        }
    }
}
