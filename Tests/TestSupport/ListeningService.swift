import Logging
import ServiceLifecycle

/// A service that listens on a port (a BotServer on port 0), run in its own ServiceGroup until `stop()`.
public struct ListeningService: Sendable {
    /// The port the service reported once it accepted connections.
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Builds the service with the callback it must call with its bound port, runs it, and returns once it
    /// listens; a service that stops before reporting a port is an error.
    public static func start(
        logger: Logger, _ make: (@escaping @Sendable (Int) async -> Void) -> any Service
    ) async throws -> ListeningService {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let service = make { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(services: [service], logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await group.triggerGracefulShutdown()
            _ = await task.result
            throw TestSupportError.serverDidNotStart("a service", detail: "it stopped before it listened")
        }
        return ListeningService(port: port, group: group, task: task)
    }

    /// Graceful shutdown, as SIGTERM would trigger it; returns once the service has stopped.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
