import Hummingbird
import Logging
import ServiceLifecycle

/// The long-running service: interval reconciles, webhooks, `/trigger`, `/healthz`, `/readyz`
/// and `/metrics`, all feeding one scheduler that never runs two reconciles of the same
/// repository at once.
///
/// It is a `Service`: run it in a `ServiceGroup` with SIGTERM/SIGINT as graceful-shutdown signals.
/// Graceful shutdown stops accepting connections, finishes requests in flight, starts no new
/// reconcile and waits up to ``BotServerConfiguration/gracePeriod`` for running ones, which are
/// then cancelled. Cancelling a run is safe: git pushes are atomic per ref (push with lease), so
/// an abandoned run leaves each bot branch either at its old or at its new commit.
public struct BotServer: Service {
    private let configuration: BotServerConfiguration
    private let variables: BotRoutes.SecretVariables
    private let worker: any ReconcileWorker
    private let metrics: BotMetrics
    private let logger: Logger
    private let onListening: @Sendable (Int) async -> Void

    /// - Parameters:
    ///   - secretVariables: the environment variable names behind the configured secrets, only
    ///     used to say which one to set in a 503 "not configured" reply.
    ///   - onListening: called with the bound port once the server accepts connections.
    public init(
        configuration: BotServerConfiguration,
        worker: some ReconcileWorker,
        metrics: BotMetrics = BotMetrics(),
        secretVariables: (github: String, gitlab: String, registry: String)? = nil,
        logger: Logger = Logger(label: "argocd-image-pr.serve"),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        var variables = BotRoutes.SecretVariables()
        if let secretVariables {
            variables.github = secretVariables.github
            variables.gitlab = secretVariables.gitlab
            variables.registry = secretVariables.registry
        }
        self.variables = variables
        self.worker = worker
        self.metrics = metrics
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let worker = worker
        let queue = ReconcileQueue(scope: { worker.scope(of: $0) })
        let status = RunStatus()
        let routes = BotRoutes(
            configuration: configuration, variables: variables, queue: queue,
            deliveries: DeliveryLog(capacity: configuration.deliveryMemory), status: status, metrics: metrics,
            logger: logger)
        let router = Router(context: BasicRequestContext.self)
        routes.register(on: router)
        let onListening = onListening
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        let scheduler = ReconcileScheduler(
            queue: queue, worker: worker, status: status, metrics: metrics, logger: logger)
        let ticker = IntervalTicker(interval: configuration.interval, queue: queue)
        // Shutdown runs in reverse order: stop the HTTP server, then the timer, then the scheduler.
        var group = ServiceGroupConfiguration(services: [scheduler, ticker, application], logger: logger)
        group.maximumGracefulShutdownDuration = configuration.gracePeriod
        logger.info(
            "serve starting",
            metadata: [
                "serve.port": "\(configuration.port)",
                "serve.interval": "\(configuration.interval)",
                "serve.webhooks.github": "\(configuration.githubWebhookSecret != nil)",
                "serve.webhooks.gitlab": "\(configuration.gitlabWebhookToken != nil)",
                "serve.webhooks.registry": "\(configuration.registryWebhookToken != nil)",
            ])
        try await ServiceGroup(configuration: group).run()
        logger.info("serve stopped")
    }

    /// Runs until SIGTERM or SIGINT, then shuts down gracefully (see the type's documentation).
    public func runUntilTerminated() async throws {
        let group = ServiceGroup(services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
