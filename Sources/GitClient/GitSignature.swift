import CLibGit2
import Foundation

/// Who made a commit and when; given explicitly so commits never depend on git configuration.
public struct GitSignature: Hashable, Sendable {
    /// The identity the bot uses unless configured otherwise.
    public static let defaultIdentity = GitSignature(
        name: "argocd-image-pr",
        email: "argocd-image-pr@noreply.invalid"
    )

    /// The person's or bot's name.
    public var name: String
    /// The e-mail address, without angle brackets.
    public var email: String
    /// The time recorded in the commit; `nil` means the moment the commit is made.
    public var date: Date?

    /// An identity; `date` defaults to the moment of the commit.
    public init(name: String, email: String, date: Date? = nil) {
        self.name = name
        self.email = email
        self.date = date
    }

    /// Builds the libgit2 signature; the caller frees it.
    func make(operation: String) throws -> UnsafeMutablePointer<git_signature> {
        var signature: UnsafeMutablePointer<git_signature>?
        let when = date ?? Date()
        let code = git_signature_new(&signature, name, email, git_time_t(when.timeIntervalSince1970.rounded(.down)), 0)
        try LibGit2Call.check(code, operation: operation, kind: .invalidArgument)
        guard let signature else {
            throw GitError(.invalidArgument, operation: operation, message: "invalid signature")
        }
        return signature
    }
}
