/// Where a forge client gets the token for a repository when it is not one fixed string: a GitHub App mints
/// short-lived installation tokens per installation.
///
/// Implementations cache what they can and never put a token or key in an error or log line.
public protocol ForgeTokenProvider: Sendable, CustomStringConvertible {
    /// A token valid for API calls and git over HTTPS on `repository` for at least the next few minutes.
    func token(for repository: ForgeRepository) async throws -> String
}
