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

    /// Runs the binary with the test process's environment plus `environment`, minus `removing`.
    ///
    /// The wait happens on a thread of its own: blocking the cooperative pool would starve the fake
    /// servers in this process that the child is talking to (2 cores mean 2 pool threads). At most one
    /// child per core runs at once, so parallel tests queue instead of overloading the machine and
    /// tripping each other's deadlines (the deadline starts when the child does).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
        directory: URL? = nil, timeout: Duration = .seconds(300)
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                slots.wait()
                defer { slots.signal() }
                continuation.resume(
                    with: Swift.Result {
                        try runBlocking(
                            arguments, environment: environment, removing: removing, directory: directory,
                            timeout: timeout)
                    })
            }
        }
    }

    private static let slots = DispatchSemaphore(value: max(2, ProcessInfo.processInfo.activeProcessorCount))

    private static func runBlocking(
        _ arguments: [String], environment: [String: String], removing: [String], directory: URL?,
        timeout: Duration
    ) throws -> Result {
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
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        var timedOut = false
        while process.isRunning {
            if ContinuousClock.now > deadline {
                timedOut = true
                process.terminate()
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            timedOut: timedOut,
            crashed: process.terminationReason == .uncaughtSignal)
    }
}
