/// A failure of the service itself (not of a reconcile's content).
public struct BotServerError: Error, CustomStringConvertible {
    private enum Code {
        case spawnFailed, timedOut, childFailed
    }

    private let code: Code
    private let detail: String

    static func spawnFailed(_ executable: String, reason: String) -> BotServerError {
        .init(code: .spawnFailed, detail: "serve: cannot start \(executable): \(reason)")
    }

    static func timedOut(_ what: String, after timeout: Duration) -> BotServerError {
        .init(code: .timedOut, detail: "serve: \(what) did not finish within \(timeout)")
    }

    static func childFailed(_ what: String, reason: String) -> BotServerError {
        .init(code: .childFailed, detail: "serve: \(what) failed: \(reason)")
    }

    public var description: String { detail }
}
