import BotServer
import Crypto
import Foundation
import Logging
import TestSupport

/// A BotServer on a free loopback port inside its own ServiceGroup, stopped gracefully by `stop()`.
struct RunningServer {
    static let githubSecret = "github-test-secret"
    static let gitlabToken = "gitlab-test-token"
    static let registryToken = "registry-test-token"

    let metrics: BotMetrics
    private let service: ListeningService

    var port: Int { service.port }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func start(
        worker: some ReconcileWorker,
        interval: Duration = .seconds(3600),
        configure: (inout BotServerConfiguration) -> Void = { _ in }
    ) async throws -> RunningServer {
        var configuration = BotServerConfiguration(
            host: "127.0.0.1", port: 0, interval: interval,
            githubWebhookSecret: WebhookSecret(githubSecret),
            gitlabWebhookToken: WebhookSecret(gitlabToken),
            registryWebhookToken: WebhookSecret(registryToken),
            gracePeriod: .seconds(10))
        configure(&configuration)
        var logger = Logger(label: "bot-server-test")
        logger.logLevel = .critical
        let metrics = BotMetrics()
        let service = try await ListeningService.start(logger: logger) { onListening in
            BotServer(
                configuration: configuration, worker: worker, metrics: metrics, logger: logger,
                onListening: onListening)
        }
        return RunningServer(metrics: metrics, service: service)
    }

    /// Graceful shutdown, as SIGTERM would trigger it; returns once the server has stopped.
    func stop() async throws {
        try await service.stop()
    }

    func post(
        _ path: String, headers: [String: String] = [:], body: Data = Data()
    ) async throws -> TestHTTP.Response {
        try await TestHTTP.send("POST", baseURL + path, headers: headers, body: body, timeout: .seconds(10))
    }

    func get(_ path: String) async throws -> TestHTTP.Response {
        try await TestHTTP.send("GET", baseURL + path, timeout: .seconds(10))
    }

    /// `X-Hub-Signature-256` value for `body`.
    static func githubSignature(_ body: Data, secret: String = githubSecret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// A signed GitHub delivery.
    func github(
        _ event: String, _ json: String, delivery: String = UUID().uuidString
    ) async throws
        -> TestHTTP.Response
    {
        let body = Data(json.utf8)
        return try await post(
            "/webhooks/github",
            headers: [
                "X-GitHub-Event": event, "X-GitHub-Delivery": delivery,
                "X-Hub-Signature-256": Self.githubSignature(body), "Content-Type": "application/json",
            ],
            body: body)
    }

}
