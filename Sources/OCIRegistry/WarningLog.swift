import Logging

/// Emits each distinct warning once per client, through the logger and an optional handler (the CLI's stderr).
actor WarningLog {
    private var emitted: Set<String> = []
    private let logger: Logger
    private let handler: (@Sendable (String) -> Void)?

    init(logger: Logger, handler: (@Sendable (String) -> Void)?) {
        self.logger = logger
        self.handler = handler
    }

    func warn(_ message: String, key: String, metadata: Logger.Metadata = [:]) {
        guard emitted.insert(key).inserted else { return }
        if let handler {
            handler(message)
        } else {
            logger.warning("\(message)", metadata: metadata)
        }
    }
}
