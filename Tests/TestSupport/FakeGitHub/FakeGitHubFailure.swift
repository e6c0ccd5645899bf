/// A failure the fake GitHub answers instead of doing the operation, the next `times` times it is called.
public struct FakeGitHubFailure: Sendable {
    /// OpenAPI operation id, e.g. `pulls/create`, `pulls/list`.
    public let operationID: String
    public let status: Int
    public let headers: [String: String]
    public let message: String
    public var times: Int
    /// `owner/name`: only that repository's calls fail (nil: any repository's).
    public var repository: String?

    public init(operationID: String, status: Int, headers: [String: String] = [:], message: String, times: Int = 1) {
        self.operationID = operationID
        self.status = status
        self.headers = headers
        self.message = message
        self.times = times
    }

    /// The same failure, for one repository's calls only.
    public func only(owner: String, name: String) -> Self {
        var copy = self
        copy.repository = FakeGitHubStore.key(owner, name)
        return copy
    }

    /// 403 as GitHub answers a token without `pull-requests: write`.
    public static func createForbidden(times: Int = 1) -> Self {
        Self(operationID: "pulls/create", status: 403, message: "Resource not accessible by integration", times: times)
    }

    /// A secondary rate limit with `retry-after`.
    public static func secondaryRateLimit(_ operationID: String, retryAfter: Int = 1, times: Int = 1) -> Self {
        Self(
            operationID: operationID, status: 403, headers: ["retry-after": String(retryAfter)],
            message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            times: times)
    }

    /// A primary rate limit: `x-ratelimit-remaining: 0` with a reset `resetIn` seconds from now.
    public static func primaryRateLimit(_ operationID: String, resetIn: Int, times: Int = 1) -> Self {
        Self(
            operationID: operationID, status: 403,
            headers: ["x-ratelimit-remaining": "0", "x-ratelimit-limit": "5000", "x-ratelimit-reset": "\(resetIn)"],
            message: "API rate limit exceeded", times: times)
    }

    /// A server error.
    public static func serverError(_ operationID: String, status: Int = 502, times: Int = 1) -> Self {
        Self(operationID: operationID, status: status, message: "Server Error", times: times)
    }
}
