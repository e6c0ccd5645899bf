/// A failure of a test helper: a server that would not start, a registry that refused a push.
public struct TestSupportError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case processFailed
        case serverDidNotStart
        case registryRejected
        case invalidArgument
        case upstreamFailed
    }

    private let code: Code
    private let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// One human line, naming the helper that failed.
    public var description: String { message }

    static func processFailed(_ what: String, status: Int32, output: String) -> Self {
        .init(.processFailed, "test support: \(what) exited with status \(status): \(output.suffix(400))")
    }

    static func serverDidNotStart(_ what: String, detail: String) -> Self {
        .init(.serverDidNotStart, "test support: \(what) did not start: \(detail.suffix(400))")
    }

    static func registryRejected(_ operation: String, status: Int, body: String) -> Self {
        .init(
            .registryRejected, "test support: registry rejected \(operation) with HTTP \(status): \(body.prefix(300))")
    }

    static func invalidArgument(_ detail: String) -> Self {
        .init(.invalidArgument, "test support: \(detail)")
    }

    static func upstreamFailed(_ what: String, detail: String) -> Self {
        .init(.upstreamFailed, "test support: \(what) could not reach its upstream: \(detail)")
    }
}
