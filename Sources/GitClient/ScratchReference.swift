import CLibGit2
import Foundation

/// A short-lived, uniquely named reference to a commit, deleted when released; used where libgit2 wants a
/// reference name rather than an object id, without touching any branch.
final class ScratchReference {
    let name: String
    private let repository: OpaquePointer

    init(pointingAt commit: GitOID, in repository: OpaquePointer, operation: String) throws {
        self.name = "refs/argocd-image-pr/scratch/\(UUID().uuidString.lowercased())"
        self.repository = repository
        var oid = commit.raw
        var reference: OpaquePointer?
        try LibGit2Call.check(
            git_reference_create(&reference, repository, name, &oid, 0, nil),
            operation: operation
        )
        git_reference_free(reference)
    }

    deinit {
        // Best effort: a leftover scratch reference only keeps an object alive.
        _ = git_reference_remove(repository, name)
    }
}
