import Logging

/// Repeats an exchange after 429, 5xx (500, 502, 503, 504) and connection failures, at most `retries`
/// times, waiting `Retry-After` (bounded) or an exponential backoff with jitter.
struct Retrier: Sendable {
    let limits: RegistryLimits
    let logger: Logger

    private static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Returns the first answer that is not retryable, or the last one once retries are spent.
    func run(_ exchange: @Sendable () async throws -> RegistryResponse) async throws -> RegistryResponse {
        var attempt = 0
        while true {
            let delay: Duration
            do {
                let response = try await exchange()
                guard Self.retryableStatuses.contains(response.status) else { return response }
                let retryAfter = RetryAfter.seconds(from: response.headers.first(name: "retry-after"))
                if let retryAfter, Duration.seconds(retryAfter) > limits.maximumRetryAfter {
                    throw RegistryError(
                        .retryAfterTooLong(
                            seconds: retryAfter,
                            limit: Int(HTTPTransport.seconds(limits.maximumRetryAfter))
                        )
                    )
                }
                guard attempt < limits.retries else { return response }
                delay = retryAfter.map { .seconds($0) } ?? backoff(attempt)
                logger.debug(
                    "retrying after status",
                    metadata: ["http.status": "\(response.status)", "retry.attempt": "\(attempt + 1)"]
                )
            } catch let error as RegistryError where error.isRetryableConnectionFailure && attempt < limits.retries {
                delay = backoff(attempt)
                logger.debug("retrying after connection failure", metadata: ["retry.attempt": "\(attempt + 1)"])
            }
            attempt += 1
            try await Task.sleep(for: delay)
        }
    }

    private func backoff(_ attempt: Int) -> Duration {
        let base = limits.retryBaseDelay * (1 << min(attempt, 10))
        // Up to 25% jitter so parallel clients do not retry in lockstep.
        return base + base * Double.random(in: 0..<0.25)
    }
}

extension RegistryError {
    var isRetryableConnectionFailure: Bool {
        if case .connection = code { return true }
        return false
    }
}
