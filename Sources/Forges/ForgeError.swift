import Foundation

/// Why a forge call failed, naming the operation, the repository and the HTTP status when there is one.
///
/// Messages never contain a token: server messages are cut to one line and scrubbed before they are kept.
public struct ForgeError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case invalidRepositoryURL
        case wrongEndpoint
        case pullRequestExists
        case createForbidden
        case jobToken
        case forbidden
        case notFound
        case rateLimited
        case server
        case http
        case transport
        case invalidResponse
        case tooManyPages
    }

    private let code: Code
    private let operation: String
    private let repository: String
    /// HTTP status of the answer that caused the error, if any.
    public let status: Int?
    private let detail: String

    private init(_ code: Code, operation: String, repository: String, status: Int? = nil, detail: String) {
        self.code = code
        self.operation = operation
        self.repository = repository
        self.status = status
        self.detail = detail
    }

    /// The forge refused to open a pull request because one already exists for the head branch: the caller
    /// lost a race and should re-read and converge.
    public var isPullRequestAlreadyExists: Bool { code == .pullRequestExists }
    /// The object (pull request, branch, user) does not exist.
    public var isNotFound: Bool { code == .notFound }
    /// The token lacks a permission.
    public var isPermissionDenied: Bool { code == .createForbidden || code == .forbidden || code == .jobToken }
    /// Rate limited for longer than the client is willing to wait.
    public var isRateLimited: Bool { code == .rateLimited }

    public var description: String {
        var text = operation
        if !repository.isEmpty { text += " in \(repository)" }
        if let status { text += ": HTTP \(status)" }
        return text + ": " + detail
    }

    static func invalidRepositoryURL(_ url: String, _ detail: String) -> Self {
        Self(
            .invalidRepositoryURL, operation: "repository URL \"\(redactingUserInfo(url))\"", repository: "",
            detail: detail)
    }

    static func wrongEndpoint(_ operation: String, _ repository: ForgeRepository, expected: String) -> Self {
        Self(
            .wrongEndpoint, operation: operation, repository: repository.path,
            detail: "the repository lives at \(repository.apiBaseURL), this client talks to \(expected)")
    }

    static func pullRequestExists(
        _ operation: String, _ repository: String, head: String, message: String, status: Int = 422,
        noun: String = "pull request"
    ) -> Self {
        Self(
            .pullRequestExists, operation: operation, repository: repository, status: status,
            detail: "a \(noun) for branch \(head) already exists (\(message))")
    }

    /// GitLab refused to open a merge request: the token's scope or role is too small.
    static func mergeRequestCreateForbidden(_ operation: String, _ repository: String, message: String) -> Self {
        let detail =
            "the token may not create merge requests (\(message)); it needs the `api` scope and at least the "
            + "Developer role in the project: use a project or group access token, or a personal access token"
        return Self(.createForbidden, operation: operation, repository: repository, status: 403, detail: detail)
    }

    /// The GitLab token is a CI/CD job token (`$CI_JOB_TOKEN`), which may not do what was asked.
    static func jobToken(_ operation: String, _ repository: String, status: Int? = nil) -> Self {
        Self(
            .jobToken, operation: operation, repository: repository, status: status,
            detail: Self.jobTokenAdvice)
    }

    static let jobTokenAdvice =
        "a CI/CD job token ($CI_JOB_TOKEN) cannot create or update merge requests, comment, react or read members; "
        + "use a project or group access token (or a personal access token) with the `api` scope and at least the "
        + "Developer role, e.g. in GITLAB_TOKEN"

    static func createForbidden(_ operation: String, _ repository: String, message: String) -> Self {
        var detail = "the token may not create pull requests (\(message)); it needs `pull-requests: write` "
        detail += "(GITHUB_TOKEN workflow permissions) or \"Pull requests: read and write\" (fine-grained token)"
        if message.lowercased().contains("not permitted to create") {
            detail += "; also enable \"Allow GitHub Actions to create and approve pull requests\" in the "
            detail += "repository or organization settings"
        }
        return Self(.createForbidden, operation: operation, repository: repository, status: 403, detail: detail)
    }

    static func status(
        _ status: Int, _ operation: String, _ repository: String, message: String
    ) -> Self {
        let code: Code =
            switch status {
            case 401, 403: .forbidden
            case 404: .notFound
            case 500...: .server
            default: .http
            }
        var detail = message.isEmpty ? "unexpected answer" : message
        if status == 401 { detail += " (the token is missing, expired or invalid)" }
        if status == 403 || status == 404 { detail += " (missing permission or no such object)" }
        return Self(code, operation: operation, repository: repository, status: status, detail: detail)
    }

    static func rateLimited(_ operation: String, _ repository: String, status: Int, detail: String) -> Self {
        Self(.rateLimited, operation: operation, repository: repository, status: status, detail: detail)
    }

    static func transport(_ operation: String, _ repository: String, _ detail: String) -> Self {
        Self(.transport, operation: operation, repository: repository, detail: detail)
    }

    static func invalidResponse(_ operation: String, _ repository: String, _ detail: String) -> Self {
        Self(.invalidResponse, operation: operation, repository: repository, detail: detail)
    }

    static func tooManyPages(_ operation: String, _ repository: String, limit: Int) -> Self {
        Self(
            .tooManyPages, operation: operation, repository: repository,
            detail: "more than \(limit) pages; refusing to read further")
    }

    /// `https://user:secret@host/x` → `https://***@host/x`.
    static func redactingUserInfo(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else {
            return url
        }
        let slash = url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
        guard at < slash else { return url }
        return String(url[..<scheme.upperBound]) + "***" + String(url[at...])
    }
}
