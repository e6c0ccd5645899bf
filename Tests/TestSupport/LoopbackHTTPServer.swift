import Hummingbird
import Logging
import NIOCore

/// Request context that keeps the connection's channel, so a fault can reset it.
struct ChannelRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Test servers take large uploads (git packs, image blobs); the default 2 MB is too small.
    var maxUploadSize: Int { 256 * 1024 * 1024 }
}

/// An in-process Hummingbird server on an ephemeral loopback port.
///
/// Binding port 0 lets the kernel choose, so there is no race for the port; the server runs in
/// a task owned by this value and ends when ``stop()`` cancels it.
struct LoopbackHTTPServer: Sendable {
    typealias Handler = @Sendable (Request, ChannelRequestContext) async throws -> Response

    let port: Int
    private let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func start(name: String, handler: @escaping Handler) async throws -> LoopbackHTTPServer {
        var logger = Logger(label: "test-support.\(name)")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: CallbackResponder<ChannelRequestContext>(callback: handler),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let task = Task {
            defer { continuation.finish() }
            try await application.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            let detail: String
            switch await task.result {
            case .failure(let error): detail = "\(error)"
            case .success: detail = "the server stopped before listening"
            }
            throw TestSupportError.serverDidNotStart(name, detail: detail)
        }
        return LoopbackHTTPServer(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
