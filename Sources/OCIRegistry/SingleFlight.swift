/// Runs each keyed computation once and hands its outcome to every caller, concurrent or later.
///
/// The first caller does the work in its own task (no unstructured tasks); callers arriving meanwhile
/// wait on continuations. Outcomes, failures included, are kept for the client's lifetime, except a
/// cancellation, which is forgotten so a later caller tries again. `isUsable` lets time-limited values
/// (tokens) be recomputed once stale.
public actor SingleFlight<Key: Hashable & Sendable, Value: Sendable> {
    private enum Entry {
        case running([CheckedContinuation<Value, any Error>])
        case finished(Outcome)
    }

    /// A finished outcome, boxed: a run keeps tens of thousands of them, and a table of pointers grows and
    /// copies far less than a table of the values themselves.
    private final class Outcome: Sendable {
        let result: Result<Value, any Error>

        init(_ result: Result<Value, any Error>) {
            self.result = result
        }
    }

    private var entries: [Key: Entry] = [:]

    public init() {}

    public func value(
        for key: Key,
        isUsable: @Sendable (Value) -> Bool = { _ in true },
        compute: @Sendable () async throws -> Value
    ) async throws -> Value {
        switch entries[key] {
        case .finished(let outcome):
            if case .success(let value) = outcome.result, !isUsable(value) { break }
            return try outcome.result.get()
        case .running:
            return try await withCheckedThrowingContinuation { continuation in
                if case .running(var waiters) = entries[key] {
                    waiters.append(continuation)
                    entries[key] = .running(waiters)
                } else if case .finished(let outcome) = entries[key] {
                    continuation.resume(with: outcome.result)
                }
            }
        case nil:
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
            entries[key] = .finished(Outcome(result))
        }
        for waiter in waiters { waiter.resume(with: result) }
        return try result.get()
    }

    /// The remembered successful value for `key`, without computing or waiting.
    public func finishedValue(for key: Key) -> Value? {
        if case .finished(let outcome) = entries[key], case .success(let value) = outcome.result { return value }
        return nil
    }

    /// Drops a finished outcome so the next caller computes it again (a token the registry refused).
    public func forget(_ key: Key) {
        if case .finished = entries[key] { entries[key] = nil }
    }
}
