import Foundation

/// Runs the built `argocd-image-pr` binary (adapted from EngineTests' CLI helper) with a deadline:
/// a hang is a test failure, not a stuck test run.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
        /// A signal ended the process (a trap or crash) rather than `exit`.
        var crashed: Bool
    }

    /// The executable next to the test bundle, or `ARGOCD_IMAGE_PR_BIN`.
    static var executable: URL {
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

    static func run(
        _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
        timeout: Duration = .seconds(20)
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in removing { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Files rather than pipes: a chatty child can never block on a full pipe.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hardening-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
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
                process.waitUntilExit()
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
