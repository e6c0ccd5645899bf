/// Limits for talking to a forge's REST API.
public struct ForgeHTTPOptions: Sendable {
    /// Whole-request timeout in seconds (connect to last byte).
    public var requestTimeout: Double
    /// Retries after a 5xx answer or a transport failure (never for POST, which may have taken effect), and
    /// after a rate-limit answer (for any method: the forge did nothing).
    public var maxRetries: Int
    /// First backoff delay in seconds, doubled on each retry.
    public var retryBaseDelay: Double
    /// Longest wait, in seconds, for `retry-after` or a rate-limit reset; a longer one is an error.
    public var maxRateLimitWait: Double
    /// Pages followed through `Link: rel="next"` before giving up.
    public var maxPages: Int
    /// Items asked for per page of a list (GitHub allows at most 100).
    public var pageSize: Int
    /// Largest response body read, in bytes.
    public var maxResponseBytes: Int
    public var userAgent: String

    public init(
        requestTimeout: Double = 30, maxRetries: Int = 3, retryBaseDelay: Double = 1, maxRateLimitWait: Double = 60,
        maxPages: Int = 100, pageSize: Int = 100, maxResponseBytes: Int = 16 << 20,
        userAgent: String = "argocd-image-pr"
    ) {
        self.requestTimeout = requestTimeout
        self.maxRetries = maxRetries
        self.retryBaseDelay = retryBaseDelay
        self.maxRateLimitWait = maxRateLimitWait
        self.maxPages = maxPages
        self.pageSize = pageSize
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }
}
