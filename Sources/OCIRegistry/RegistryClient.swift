import AsyncHTTPClient
import Foundation
import ImageRef
import Logging

/// The OCI distribution client: tag lists and tag/digest resolution with auth, TLS, retries, limits,
/// request deduplication and a persistent digest metadata cache.
///
/// Identical requests are made once for the client's lifetime (compact answers — tag lists, parsed manifests,
/// config facts — are remembered), so use one client per run — a `serve` loop should make a new client for each pass. Call ``shutdown()`` when done (or use
/// ``withClient(configuration:_:)``).
public final class RegistryClient: Sendable {
    let configuration: RegistryClientConfiguration
    let httpClient: HTTPClient
    let sessions: SessionStore
    let credentials: CredentialResolver
    let cache: MetadataCache?

    /// Creates a client; it owns an HTTP client until ``shutdown()``.
    public init(configuration: RegistryClientConfiguration) {
        var http = HTTPClient.Configuration()
        http.redirectConfiguration = .disallow
        http.decompression = .disabled
        http.connectionPool.retryConnectionEstablishment = false
        let connectTimeout = min(configuration.limits.requestTimeout, .seconds(10))
        http.timeout.connect = .milliseconds(Int64(HTTPTransport.seconds(connectTimeout) * 1000))
        httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
        self.configuration = configuration
        let warnings = WarningLog(logger: configuration.logger, handler: configuration.warningHandler)
        let transport = HTTPTransport(client: httpClient, limits: configuration.limits, logger: configuration.logger)
        sessions = SessionStore(configuration: configuration, transport: transport, warnings: warnings)
        credentials = CredentialResolver(
            dockerConfig: configuration.dockerConfig,
            environment: configuration.environment,
            warnings: warnings
        )
        cache = configuration.cacheDirectory.map { MetadataCache(directory: $0) }
    }

    /// Runs `body` with a client and shuts it down afterwards, whether `body` succeeds or throws.
    public static func withClient<T: Sendable>(
        configuration: RegistryClientConfiguration,
        _ body: (RegistryClient) async throws -> T
    ) async throws -> T {
        let client = RegistryClient(configuration: configuration)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        return try result.get()
    }

    /// Releases connections; the client cannot be used afterwards.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// Prepares the session and request context for an image.
    func prepare(
        _ image: ImageReference, pullSecret: String?
    ) async throws -> (RegistrySession, RegistrySession.Context) {
        let session = try await sessions.session(for: image)
        let choice: CredentialChoice
        do {
            choice = try await credentials.choose(for: image, entry: session.endpoint.entry, pullSecret: pullSecret)
        } catch let error as RegistryError {
            throw error.with(registry: image.registry, repository: image.repository)
        }
        var logger = configuration.logger
        logger[metadataKey: "registry.host"] = "\(image.registry)"
        logger[metadataKey: "registry.repository"] = "\(image.repository)"
        let context = RegistrySession.Context(
            repositoryPath: session.endpoint.repositoryPath(image),
            repository: image.repository,
            choice: choice,
            logger: logger
        )
        return (session, context)
    }
}
