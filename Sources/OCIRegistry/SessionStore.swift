import ImageRef
import Logging

/// One ``RegistrySession`` per registry endpoint, created on first use (which is when an `insecure: true`
/// warning is given, once).
actor SessionStore {
    private var sessions: [String: RegistrySession] = [:]
    private let configuration: RegistryClientConfiguration
    private let transport: HTTPTransport
    private let results = RunResults()
    private let tokens = SingleFlight<String, BearerToken>()
    private let warnings: WarningLog

    init(configuration: RegistryClientConfiguration, transport: HTTPTransport, warnings: WarningLog) {
        self.configuration = configuration
        self.transport = transport
        self.warnings = warnings
    }

    func session(for reference: ImageReference) async throws -> RegistrySession {
        let entry = configuration.registriesConf.entry(for: reference)
        let key = reference.registry + "\u{1F}" + (entry.map { $0.prefix + "\u{1F}" + $0.name } ?? "")
        if let existing = sessions[key] { return existing }
        let endpoint: RegistryEndpoint
        do {
            endpoint = try RegistryEndpoint(for: reference, configuration: configuration.registriesConf)
        } catch {
            throw error.with(registry: reference.registry, repository: nil)
        }
        if endpoint.insecure {
            let line = endpoint.entry?.line.map { "\(endpoint.source):\($0)" } ?? endpoint.source
            await warnings.warn(
                "warning: registry \(reference.registry): TLS certificate verification is disabled "
                    + "(insecure: true in \(line))",
                key: "insecure|\(key)",
                metadata: ["registry.host": "\(reference.registry)"]
            )
        }
        var limits = configuration.limits
        var concurrency = limits.concurrentRequestsPerRegistry
        if let limit = endpoint.entry?.limit { concurrency = min(concurrency, limit) }
        limits.concurrentRequestsPerRegistry = concurrency
        let retrier = Retrier(limits: limits, logger: transport.logger)
        let session = RegistrySession(
            endpoint: endpoint,
            transport: transport,
            retrier: retrier,
            gate: RequestGate(maximumConcurrent: concurrency, requestsPerSecond: endpoint.entry?.limit),
            authenticator: RegistryAuthenticator(
                endpoint: endpoint,
                transport: transport,
                retrier: retrier,
                memory: ChallengeMemory(),
                tokens: tokens
            ),
            results: results
        )
        sessions[key] = session
        return session
    }
}
