/// HTTPS credentials for git against a forge's repositories.
///
/// The password (a token) never appears in `description`.
public struct ForgeCredentials: Sendable, Hashable, CustomStringConvertible {
    public let username: String
    public let password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "\(username):***" }
}
