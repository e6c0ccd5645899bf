import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The HTTP surface: webhooks, `/trigger`, health and metrics.
///
/// Webhook handlers only verify, parse and queue; the reconcile itself runs in the scheduler,
/// so a slow fleet never makes a forge or registry wait (and retry) its delivery.
struct BotRoutes: Sendable {
    let configuration: BotServerConfiguration
    let variables: SecretVariables
    let queue: ReconcileQueue
    let deliveries: DeliveryLog
    let status: RunStatus
    let metrics: BotMetrics
    let logger: Logger

    /// Names of the environment variables secrets come from, for the 503 "not configured" reply.
    struct SecretVariables: Sendable {
        var github = "GITHUB_WEBHOOK_SECRET"
        var gitlab = "GITLAB_WEBHOOK_TOKEN"
        var registry = "REGISTRY_WEBHOOK_TOKEN"
    }

    static let githubEvent = HTTPField.Name("X-GitHub-Event")!
    static let githubDelivery = HTTPField.Name("X-GitHub-Delivery")!
    static let gitlabEvent = HTTPField.Name("X-Gitlab-Event")!
    static let gitlabIdempotency = HTTPField.Name("Idempotency-Key")!
    static let gitlabEventUUID = HTTPField.Name("X-Gitlab-Event-UUID")!

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in WebhookReply.text(.ok, "ok\n") }
        router.get("/readyz") { _, _ in await readiness() }
        router.get("/metrics") { _, _ in
            WebhookReply.text(.ok, metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.post("/trigger") { request, _ in await trigger(request) }
        router.post("/webhooks/github") { request, _ in await github(request) }
        router.post("/webhooks/gitlab") { request, _ in await gitlab(request) }
        router.post("/webhooks/registry") { request, _ in await registry(request) }
    }

    // MARK: - Webhooks

    private func github(_ request: Request) async -> Response {
        let event = request.headers[Self.githubEvent] ?? ""
        let delivery = request.headers[Self.githubDelivery].map { "github:\($0)" }
        return await handle(source: GitHubWebhook.source, request, event: event, deliveryID: delivery) {
            body throws(WebhookRejection) in
            guard let secret = configuration.githubWebhookSecret else {
                throw .notConfigured(GitHubWebhook.source, variable: variables.github)
            }
            try RequestAuthenticator.github(request, body: body, secret: secret)
            guard !event.isEmpty else { throw .malformed(GitHubWebhook.source, "missing X-GitHub-Event") }
            return (
                try GitHubWebhook(botBranchPrefix: configuration.botBranchPrefix).decide(event: event, body: body), nil
            )
        }
    }

    private func gitlab(_ request: Request) async -> Response {
        let event = request.headers[Self.gitlabEvent] ?? ""
        let key = request.headers[Self.gitlabIdempotency] ?? request.headers[Self.gitlabEventUUID]
        return await handle(source: GitLabWebhook.source, request, event: event, deliveryID: key.map { "gitlab:\($0)" })
        {
            body throws(WebhookRejection) in
            guard let secret = configuration.gitlabWebhookToken else {
                throw .notConfigured(GitLabWebhook.source, variable: variables.gitlab)
            }
            try RequestAuthenticator.gitlab(request, secret: secret)
            guard !event.isEmpty else { throw .malformed(GitLabWebhook.source, "missing X-Gitlab-Event") }
            return (
                try GitLabWebhook(botBranchPrefix: configuration.botBranchPrefix).decide(event: event, body: body), nil
            )
        }
    }

    private func registry(_ request: Request) async -> Response {
        await handle(source: RegistryWebhook.source, request, event: "push", deliveryID: nil) {
            body throws(WebhookRejection) in
            guard let secret = configuration.registryWebhookToken else {
                throw .notConfigured(RegistryWebhook.source, variable: variables.registry)
            }
            try RequestAuthenticator.bearer(request, secret: secret, source: RegistryWebhook.source)
            return try RegistryWebhook().decide(body: body)
        }
    }

    /// `POST /trigger[?repo=URL|image=REPOSITORY]`: a manual run, authenticated like registry
    /// notifications; without a target it is a full reconcile.
    private func trigger(_ request: Request) async -> Response {
        let source = "trigger"
        guard let secret = configuration.triggerToken else {
            return reject(.notConfigured(source, variable: variables.registry), source: source)
        }
        do {
            try RequestAuthenticator.bearer(request, secret: secret, source: source)
        } catch {
            return reject(error, source: source)
        }
        let query = request.uri.queryParameters
        let trigger: ReconcileTrigger
        if let repo = query.get("repo"), !repo.isEmpty {
            trigger = .repository(url: repo)
        } else if let image = query.get("image"), !image.isEmpty {
            trigger = .image(repository: image)
        } else {
            trigger = .manual
        }
        return await enqueue([trigger], source: source, logger: logger)
    }

    private typealias Decide = @Sendable (Data) async throws(WebhookRejection) -> (WebhookDecision, String?)

    /// The shared path: size limit, authentication and parsing (in `decide`), de-duplication,
    /// queueing and the reply.
    private func handle(
        source: String, _ request: Request, event: String, deliveryID headerID: String?, decide: Decide
    ) async -> Response {
        var logger = logger
        logger[metadataKey: "webhook.source"] = "\(source)"
        if !event.isEmpty { logger[metadataKey: "webhook.event"] = "\(event)" }
        do {
            let body = try await readBody(request, source: source)
            let (decision, bodyID) = try await decide(body)
            let deliveryID = headerID ?? bodyID
            if let deliveryID {
                logger[metadataKey: "webhook.delivery"] = "\(deliveryID)"
                if await deliveries.contains(deliveryID) {
                    metrics.recordWebhook(source: source, result: "duplicate")
                    logger.info("webhook ignored: delivery already seen")
                    return WebhookReply.response(.ok, .init(status: "duplicate", reason: "delivery already received"))
                }
            }
            switch decision {
            case .pong:
                metrics.recordWebhook(source: source, result: "ping")
                return WebhookReply.response(.ok, .init(status: "pong"))
            case .ignore(let reason):
                if let deliveryID { await deliveries.insert(deliveryID) }
                metrics.recordWebhook(source: source, result: "ignored")
                logger.info("webhook ignored", metadata: ["webhook.reason": "\(reason)"])
                return WebhookReply.response(.accepted, .init(status: "ignored", reason: reason))
            case .trigger(let triggers):
                // Recorded only once accepted: a delivery refused for a bad signature may be retried.
                if let deliveryID, await !deliveries.insert(deliveryID) {
                    metrics.recordWebhook(source: source, result: "duplicate")
                    return WebhookReply.response(.ok, .init(status: "duplicate", reason: "delivery already received"))
                }
                return await enqueue(triggers, source: source, logger: logger)
            }
        } catch {
            return reject(error, source: source, logger: logger)
        }
    }

    private func enqueue(_ triggers: [ReconcileTrigger], source: String, logger: Logger) async -> Response {
        var admissions: [ReconcileQueue.Admission] = []
        for trigger in triggers { admissions.append(await queue.submit(trigger)) }
        if admissions.contains(.closed) {
            metrics.recordWebhook(source: source, result: "shutting_down")
            return WebhookReply.response(.serviceUnavailable, .init(status: "error", reason: "shutting down"))
        }
        metrics.recordWebhook(source: source, result: "queued")
        logger.info("webhook queued", metadata: ["webhook.triggers": "\(triggers.map(\.description))"])
        return WebhookReply.response(.accepted, .init(status: "queued", triggers: triggers.map(\.description)))
    }

    private func reject(_ rejection: WebhookRejection, source: String, logger: Logger? = nil) -> Response {
        metrics.recordWebhook(source: source, result: rejection.metricResult)
        (logger ?? self.logger).notice(
            "webhook rejected", metadata: ["webhook.source": "\(source)", "webhook.reason": "\(rejection)"])
        return WebhookReply.response(rejection.status, .init(status: "error", reason: rejection.description))
    }

    /// The whole body, or 413 as soon as it is known to exceed the limit.
    private func readBody(_ request: Request, source: String) async throws(WebhookRejection) -> Data {
        let limit = configuration.bodyLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw .tooLarge(source, limit: limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer: buffer)
        } catch {
            throw .tooLarge(source, limit: limit)
        }
    }

    // MARK: - Health

    private func readiness() async -> Response {
        guard await status.isReady else {
            let message = await status.lastMessage ?? "no detail"
            return WebhookReply.text(.serviceUnavailable, "not ready: last reconcile failed: \(message)\n")
        }
        return WebhookReply.text(.ok, "ready\n")
    }
}
