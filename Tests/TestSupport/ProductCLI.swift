import Foundation

/// Runs the built `argocd-image-pr` binary the way a user (or an outside acceptance run) does, with a
/// deadline so that a hang is a test failure rather than a stuck test run.
public enum ProductCLI {
    /// What one invocation did.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        /// A signal ended the process (a trap or crash) rather than `exit`.
        public var crashed: Bool
    }

    /// The executable next to the test bundle, or `ARGOCD_IMAGE_PR_BIN`.
    public static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["ARGOCD_IMAGE_PR_BIN"] {
            return URL(fileURLWithPath: path)
        }
        var directory = Bundle.main.bundleURL
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("argocd-image-pr")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/argocd-image-pr")
    }

    /// At most one child per core runs at once, so parallel tests queue instead of overloading the machine and
    /// tripping each other's deadlines (the deadline starts when the child does).
    private static let slots = ChildSlots(max(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Runs the binary with the test process's environment plus `environment`, minus `removing`.
    ///
    /// Nothing blocks a thread while the child runs: its exit arrives through `terminationHandler`. A blocked
    /// cooperative thread would starve the fake servers in this process that the child talks to, and
    /// `waitUntilExit` on a dispatch thread was seen to miss the exit and hang.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
        directory: URL? = nil, timeout: Duration = .seconds(300)
    ) async throws -> Result {
        await slots.acquire()
        do {
            let result = try await launch(
                arguments, environment: environment, removing: removing, directory: directory, timeout: timeout)
            await slots.release()
            return result
        } catch {
            await slots.release()
            throw error
        }
    }

    private static func launch(
        _ arguments: [String], environment: [String: String], removing: [String], directory: URL?,
        timeout: Duration
    ) async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in removing { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        // Files rather than pipes: a chatty child can never block on a full pipe.
        let scratch = try TemporaryDirectory.make(prefix: "cli")
        defer { TemporaryDirectory.remove(scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let (exits, exit) = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in
            exit.yield()
            exit.finish()
        }
        try process.run()
        let timedOut = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in exits { return false }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return true
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if timedOut { process.terminate() }
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            timedOut: timedOut,
            crashed: process.terminationReason == .uncaughtSignal)
    }
}

/// A counting gate for child processes that suspends waiters instead of blocking their threads.
actor ChildSlots {
    private var free: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            free += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
