import Dispatch

/// Runs blocking libgit2 work on a serial queue of its own, off Swift's cooperative thread pool.
///
/// A repository handle is only ever touched inside `run`, and the queue is serial, so libgit2 never sees
/// one handle used from two threads at once; libgit2's per-thread last error is read inside the same
/// closure as the call that set it.
final class GitWorker: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        LibGit2.ensureInitialised()
        self.queue = DispatchQueue(label: "argocd-image-pr.git.\(label)")
    }

    /// Runs `body` on the worker's queue and resumes the caller with its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
