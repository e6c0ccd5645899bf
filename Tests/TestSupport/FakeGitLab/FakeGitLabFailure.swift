/// A failure the fake GitLab answers instead of doing the operation, the next `times` times it is called.
public struct FakeGitLabFailure: Sendable {
    /// Route name, e.g. `POST /projects/:id/merge_requests`.
    public let route: String
    public let status: Int
    public let headers: [String: String]
    /// `{"message": …}` body; nil sends `text` as a plain-text body instead.
    public let message: String?
    public let text: String
    public var times: Int
    /// Full path of a project: only its calls fail (nil: any project's).
    public var project: String?

    public init(
        route: String, status: Int, headers: [String: String] = [:], message: String?, text: String = "",
        times: Int = 1
    ) {
        self.route = route
        self.status = status
        self.headers = headers
        self.message = message
        self.text = text
        self.times = times
    }

    /// The same failure, for one project's calls only.
    public func only(project path: String) -> Self {
        var copy = self
        copy.project = path
        return copy
    }

    public static let listMergeRequests = "GET /projects/:id/merge_requests"
    public static let createMergeRequest = "POST /projects/:id/merge_requests"
    public static let listNotes = "GET /projects/:id/merge_requests/:merge_request_iid/notes"

    /// 403 as GitLab answers a token that may not create merge requests (read-only scope, Reporter role).
    public static func createForbidden(times: Int = 1) -> Self {
        Self(route: createMergeRequest, status: 403, message: "403 Forbidden", times: times)
    }

    /// A `Rack::Attack` throttle: 429, plain-text `Retry later`, `Retry-After` and the `RateLimit-*` headers.
    public static func throttled(_ route: String, retryAfter: Int = 1, times: Int = 1) -> Self {
        Self(
            route: route, status: 429,
            headers: [
                "Retry-After": String(retryAfter), "RateLimit-Remaining": "0", "RateLimit-Limit": "60",
                "RateLimit-Observed": "61", "RateLimit-Name": "throttle_authenticated_api",
                "RateLimit-ResetTime": "Tue, 05 Jan 2021 11:00:00 GMT",
            ], message: nil, text: "Retry later\n", times: times)
    }

    /// A server error, `{"message":"500 Internal Server Error"}`-style.
    public static func serverError(_ route: String, status: Int = 502, times: Int = 1) -> Self {
        Self(route: route, status: status, message: "\(status) Server Error", times: times)
    }
}
