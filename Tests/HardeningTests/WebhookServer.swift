import AsyncHTTPClient
import BotServer
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TestSupport

/// A real BotServer on a free loopback port with a worker that only counts, and one HTTP client for the many
/// requests a fuzz loop sends.
struct WebhookServer {
    static let githubSecret = "gh-fuzz-secret-5f1c"
    static let gitlabToken = "gl-fuzz-token-77a0"
    static let registryToken = "reg-fuzz-token-9e2b"

    let worker: CountingWorker
    let client: HTTPClient
    private let service: ListeningService

    var port: Int { service.port }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func start(configure: (inout BotServerConfiguration) -> Void = { _ in }) async throws -> WebhookServer {
        var configuration = BotServerConfiguration(
            host: "127.0.0.1", port: 0, interval: .seconds(3600),
            githubWebhookSecret: WebhookSecret(githubSecret), gitlabWebhookToken: WebhookSecret(gitlabToken),
            registryWebhookToken: WebhookSecret(registryToken), gracePeriod: .seconds(5))
        configure(&configuration)
        var logger = Logger(label: "webhook-fuzz")
        logger.logLevel = .critical
        let worker = CountingWorker()
        let service = try await ListeningService.start(logger: logger) { onListening in
            BotServer(configuration: configuration, worker: worker, logger: logger, onListening: onListening)
        }
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(
                redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(20))))
        return WebhookServer(worker: worker, client: client, service: service)
    }

    func stop() async throws {
        try? await client.shutdown()
        try await service.stop()
    }

    /// Status and body text of one request.
    func send(
        _ method: HTTPMethod = .POST, _ path: String, headers: [(String, String)] = [], body: Data? = nil,
        chunked: Bool = false
    ) async throws -> (status: Int, text: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            if chunked {
                let buffers = stride(from: 0, to: body.count, by: 64 << 10).map {
                    ByteBuffer(bytes: body[$0..<min($0 + (64 << 10), body.count)])
                }
                request.body = .stream(buffers.async, length: .unknown)
            } else {
                request.body = .bytes(ByteBuffer(bytes: body))
            }
        }
        let response = try await client.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    /// `X-Hub-Signature-256` value for `body` under `secret`.
    static func signature(_ body: Data, secret: String = githubSecret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}

/// Records the triggers it is given and does nothing else.
final class CountingWorker: ReconcileWorker, Sendable {
    private let book = Book()

    func reconcile(_ trigger: ReconcileTrigger) async throws -> ReconcileSummary {
        await book.add(trigger)
        return ReconcileSummary(result: .success)
    }

    var triggers: [ReconcileTrigger] { get async { await book.triggers } }

    private actor Book {
        var triggers: [ReconcileTrigger] = []
        func add(_ trigger: ReconcileTrigger) { triggers.append(trigger) }
    }
}

extension Array where Element: Sendable {
    /// The elements as an async sequence, for a streamed (chunked) request body.
    fileprivate var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
