/// A failed git operation, described in one line that names the operation and the remote (without secrets).
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that react differently (e.g. re-read on a lost lease).
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, Hashable, Sendable {
            case libgit2 = "git error"
            case authentication = "authentication failed"
            case leaseMismatch = "lease mismatch"
            case rejected = "rejected by the server"
            case protectedBranch = "protected branch"
            case invalidArgument = "invalid argument"
            case notFound = "not found"
            case tooLarge = "too large"
        }

        private let code: Code

        private init(_ code: Code) {
            self.code = code
        }

        /// libgit2 reported an error (network, repository, object database...).
        public static let libgit2 = Kind(.libgit2)
        /// The remote refused the credentials, or asked for credentials that were not given.
        public static let authentication = Kind(.authentication)
        /// The remote branch is not where the caller expected it; nothing was changed.
        public static let leaseMismatch = Kind(.leaseMismatch)
        /// The server refused a reference update (hook, branch protection, non-fast-forward...).
        public static let rejected = Kind(.rejected)
        /// The caller asked to write a branch it marked as protected.
        public static let protectedBranch = Kind(.protectedBranch)
        /// A path, branch name, URL or other argument is not acceptable.
        public static let invalidArgument = Kind(.invalidArgument)
        /// A repository, reference or object does not exist.
        public static let notFound = Kind(.notFound)
        /// A file is larger than the caller's limit.
        public static let tooLarge = Kind(.tooLarge)

        public var description: String { code.rawValue }
    }

    /// The kind of failure.
    public let kind: Kind
    /// The operation that failed, e.g. `push refs/heads/x`.
    public let operation: String
    /// The remote involved, with any user information removed.
    public let remote: String?
    /// For a lease mismatch: where the remote branch is now (`nil` when it does not exist).
    public let currentRemoteOID: GitOID?
    /// The detail, e.g. the libgit2 message or the server's reason.
    public let message: String

    init(
        _ kind: Kind,
        operation: String,
        remote: String? = nil,
        currentRemoteOID: GitOID? = nil,
        message: String
    ) {
        self.kind = kind
        self.operation = operation
        self.remote = remote.map(RemoteURL.redacted)
        self.currentRemoteOID = currentRemoteOID
        self.message = Self.oneLine(message)
    }

    static func leaseMismatch(
        reference: String,
        expected: GitOID?,
        current: GitOID?,
        operation: String,
        remote: String
    ) -> GitError {
        let expectedText = expected.map { "at \($0.short)" } ?? "to be absent"
        let currentText = current.map { "is at \($0.short)" } ?? "does not exist"
        return GitError(
            .leaseMismatch,
            operation: operation,
            remote: remote,
            currentRemoteOID: current,
            message: "expected \(reference) \(expectedText), but it \(currentText); nothing was changed"
        )
    }

    public var description: String {
        var text = "git \(operation)"
        if let remote {
            text += " (\(remote))"
        }
        return text + ": \(kind): \(message)"
    }

    private static let maximumMessageLength = 500

    private static func oneLine(_ text: String) -> String {
        // Servers colour their messages: escape sequences (ESC, CSI) must not reach the user's terminal.
        let printable = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control && $0 != "\n" ? " " : $0 }
            )
        )
        let flattened = printable.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }
        let line = flattened.filter { !$0.isEmpty }.joined(separator: " ")
        // A hook can print pages; one line stays one line.
        return line.count > maximumMessageLength ? line.prefix(maximumMessageLength) + "…" : line
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
