/// Why GitHub App authentication failed: a bad app id or key, the app not installed on a repository, or
/// GitHub refusing the app's JSON web token.
///
/// Messages are one line and never contain the private key, a JSON web token or an installation token.
public struct GitHubAppError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case configuration
        case invalidAppID
        case invalidPrivateKey
        case signing
        case notInstalled
        case rejected
        case status
        case invalidResponse
    }

    private let code: Code
    private let subject: String
    private let detail: String
    /// HTTP status of GitHub's answer, if one caused the error.
    public let status: Int?

    private init(_ code: Code, _ subject: String, status: Int? = nil, _ detail: String) {
        self.code = code
        self.subject = subject
        self.status = status
        self.detail = detail
    }

    /// The app is not installed on the repository (or its owner).
    public var isNotInstalled: Bool { code == .notInstalled }
    /// GitHub did not accept the app's JSON web token: wrong app id, wrong key or a clock far off.
    public var isRejected: Bool { code == .rejected }

    public var description: String { "\(subject): \(detail)" }

    static func configuration(_ detail: String) -> Self {
        Self(.configuration, "GitHub App configuration", detail)
    }

    static func invalidAppID(_ detail: String) -> Self {
        Self(.invalidAppID, "GitHub App id", detail)
    }

    static func invalidPrivateKey(appID: String, _ detail: String) -> Self {
        Self(.invalidPrivateKey, "GitHub App \(appID) private key", detail)
    }

    static func signing(appID: String) -> Self {
        Self(.signing, "GitHub App \(appID)", "could not sign a JSON web token with the private key")
    }

    static func notInstalled(appID: String, repository: String, message: String) -> Self {
        Self(
            .notInstalled, "GitHub App \(appID)", status: 404,
            "not installed on \(repository) (HTTP 404: \(message)); install the app on the repository or its owner")
    }

    static func rejected(appID: String, operation: String, message: String) -> Self {
        Self(
            .rejected, "GitHub App \(appID)", status: 401,
            "GitHub rejected the app's JSON web token during \(operation) (HTTP 401: \(message)); check that the "
                + "app id names the app this private key belongs to and that the clock is right")
    }

    static func status(_ status: Int, appID: String, operation: String, message: String) -> Self {
        Self(.status, "GitHub App \(appID)", status: status, "\(operation): HTTP \(status): \(message)")
    }

    static func invalidResponse(appID: String, operation: String, _ detail: String) -> Self {
        Self(.invalidResponse, "GitHub App \(appID)", "\(operation): \(detail)")
    }
}
