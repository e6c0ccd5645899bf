/// Bounds on what the registry client does for one image; every field has the documented default.
///
/// Hitting a limit is an error for that image, never a hang or unbounded memory.
public struct RegistryLimits: Sendable, Equatable {
    /// Whole-request deadline, from connecting to the last byte of the body, for each attempt.
    public var requestTimeout: Duration = .seconds(30)
    /// Retries after a 429, a 5xx or a connection failure.
    public var retries: Int = 3
    /// First backoff delay; each further retry doubles it.
    public var retryBaseDelay: Duration = .milliseconds(500)
    /// Longest `Retry-After` that is waited for; a longer one is an error.
    public var maximumRetryAfter: Duration = .seconds(60)
    /// Most pages followed through `Link: <…>; rel="next"`.
    public var maximumPages: Int = 100
    /// Most tags accepted for one repository.
    public var maximumTags: Int = 100_000
    /// Largest manifest, index, config blob or token answer.
    public var maximumManifestBytes: Int = 4 * 1024 * 1024
    /// Largest single tag-list page.
    public var maximumTagListBytes: Int = 16 * 1024 * 1024
    /// Most redirects followed for one request.
    public var maximumRedirects: Int = 5
    /// Concurrent requests per registry unless registries.conf `limit` is lower.
    public var concurrentRequestsPerRegistry: Int = 8
    /// Page size asked for with `?n=`; registries may ignore it.
    public var tagPageSize: Int = 1000

    /// The defaults from the design: 30 s, 3 retries, 60 s Retry-After, 100 pages, 100,000 tags, 4/16 MiB, 5 redirects.
    public init() {}
}
