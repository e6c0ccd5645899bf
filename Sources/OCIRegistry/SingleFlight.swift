/// Runs each keyed computation once and hands its outcome to every caller, concurrent or later.
///
/// The first caller does the work in its own task (no unstructured tasks); callers arriving meanwhile
/// wait on continuations. Outcomes, failures included, are kept for the client's lifetime, except a
/// cancellation, which is forgotten so a later caller tries again. `isUsable` lets time-limited values
/// (tokens) be recomputed once stale.
public actor SingleFlight<Key: Hashable & Sendable, Value: Sendable> {
    private enum Entry {
        case running([CheckedContinuation<Value, any Error>])
        case finished(Result<Value, any Error>)
    }

    private var entries: [Key: Entry] = [:]

    public init() {}

    public func value(
        for key: Key,
        isUsable: @Sendable (Value) -> Bool = { _ in true },
        compute: @Sendable () async throws -> Value
    ) async throws -> Value {
        switch entries[key] {
        case .finished(.success(let value)) where isUsable(value):
            return value
        case .finished(.failure(let error)):
            throw error
        case .running:
            return try await withCheckedThrowingContinuation { continuation in
                if case .running(var waiters) = entries[key] {
                    waiters.append(continuation)
                    entries[key] = .running(waiters)
                } else if case .finished(let result) = entries[key] {
                    continuation.resume(with: result)
                }
            }
        case .finished(.success), nil:
            break
        }
        entries[key] = .running([])
        let result: Result<Value, any Error>
        do {
            result = .success(try await compute())
        } catch {
            result = .failure(error)
        }
        guard case .running(let waiters) = entries[key] else { return try result.get() }
        if case .failure(let error) = result, error is CancellationError {
            entries[key] = nil
        } else {
            entries[key] = .finished(result)
        }
        for waiter in waiters { waiter.resume(with: result) }
        return try result.get()
    }

    /// The remembered successful value for `key`, without computing or waiting.
    public func finishedValue(for key: Key) -> Value? {
        if case .finished(.success(let value)) = entries[key] { return value }
        return nil
    }

    /// Drops a finished outcome so the next caller computes it again (a token the registry refused).
    public func forget(_ key: Key) {
        if case .finished = entries[key] { entries[key] = nil }
    }
}
