/// Per-registry admission: at most `maximumConcurrent` requests in flight, and, when a rate is set,
/// at most `requestsPerSecond` request starts per second.
actor RequestGate {
    private let maximumConcurrent: Int
    private let interval: Duration?
    private var inFlight = 0
    /// Waiters by ticket; tickets are issued in arrival order, so the lowest one present is served next.
    private var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var nextWaiterID = 0
    /// No waiter below this ticket remains; every ticket is passed over once, so a release is O(1) amortized.
    private var head = 0
    private var nextStart: ContinuousClock.Instant = .now

    init(maximumConcurrent: Int, requestsPerSecond: Int?) {
        self.maximumConcurrent = max(1, maximumConcurrent)
        self.interval = requestsPerSecond.map { .nanoseconds(1_000_000_000 / Int64(max(1, $0))) }
    }

    /// Runs `body` once admitted; the slot is released when it finishes, however it finishes.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        try await pace()
        return try await body()
    }

    private func acquire() async throws {
        if inFlight < maximumConcurrent, waiters.isEmpty {
            inFlight += 1
            return
        }
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    private func release() {
        while !waiters.isEmpty, head < nextWaiterID {
            let ticket = head
            head += 1
            if let next = waiters.removeValue(forKey: ticket) {
                // The slot passes straight to the next waiter.
                next.resume()
                return
            }
        }
        inFlight -= 1
    }

    /// Spaces request starts by the configured interval.
    private func pace() async throws {
        guard let interval else { return }
        let now = ContinuousClock.now
        let start = max(now, nextStart)
        nextStart = start + interval
        if start > now { try await Task.sleep(until: start, clock: .continuous) }
    }
}
