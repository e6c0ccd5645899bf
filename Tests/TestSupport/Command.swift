import Foundation

/// Runs short-lived command-line tools (openssl, htpasswd, git) for fixtures.
///
/// Output goes through temporary files rather than pipes so a chatty tool can never block
/// on a full pipe while we wait for it.
enum Command {
    struct Output: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }

        /// The standard output, or an error naming the tool when it exited non-zero.
        func checked(_ executable: String, _ arguments: [String]) throws -> String {
            guard status == 0 else {
                let name = URL(fileURLWithPath: executable).lastPathComponent
                let verb = arguments.first.map { " \($0)" } ?? ""
                throw TestSupportError.processFailed("\(name)\(verb)", status: status, output: stderrText)
            }
            return stdoutText
        }
    }

    /// Runs the tool, waiting for it asynchronously; never throws for a non-zero exit status.
    static func output(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: Data? = nil
    ) async throws -> Output {
        let launch = try Launch(executable, arguments, environment: environment, directory: directory, input: input)
        defer { launch.finish() }
        let process = launch.process
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return launch.output(status: status)
    }

    /// Runs the tool, blocking the calling thread until it exits; for synchronous fixture builders.
    static func outputBlocking(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: Data? = nil
    ) throws -> Output {
        let launch = try Launch(executable, arguments, environment: environment, directory: directory, input: input)
        defer { launch.finish() }
        try launch.process.run()
        launch.process.waitUntilExit()
        return launch.output(status: launch.process.terminationStatus)
    }

    /// Blocking variant of ``run(_:_:environment:directory:input:)``.
    @discardableResult
    static func runBlocking(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: Data? = nil
    ) throws -> String {
        try outputBlocking(executable, arguments, environment: environment, directory: directory, input: input)
            .checked(executable, arguments)
    }

    /// Runs the tool and returns its standard output; a non-zero exit status is an error.
    @discardableResult
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: Data? = nil
    ) async throws -> String {
        try await output(executable, arguments, environment: environment, directory: directory, input: input)
            .checked(executable, arguments)
    }

    /// A configured, not yet started process whose standard streams are files in a scratch folder.
    private struct Launch {
        let process = Process()
        let scratch: URL
        let handles: [FileHandle]

        init(
            _ executable: String, _ arguments: [String], environment: [String: String]?, directory: URL?,
            input: Data?
        ) throws {
            scratch = try TemporaryDirectory.make(prefix: "cmd")
            do {
                try (input ?? Data()).write(to: scratch.appendingPathComponent("stdin"))
                for name in ["stdout", "stderr"] {
                    FileManager.default.createFile(atPath: scratch.appendingPathComponent(name).path, contents: nil)
                }
                let stdin = try FileHandle(forReadingFrom: scratch.appendingPathComponent("stdin"))
                let stdout = try FileHandle(forWritingTo: scratch.appendingPathComponent("stdout"))
                let stderr = try FileHandle(forWritingTo: scratch.appendingPathComponent("stderr"))
                handles = [stdin, stdout, stderr]
                process.standardInput = stdin
                process.standardOutput = stdout
                process.standardError = stderr
            } catch {
                TemporaryDirectory.remove(scratch)
                throw error
            }
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let environment { process.environment = environment }
            if let directory { process.currentDirectoryURL = directory }
        }

        func output(status: Int32) -> Output {
            Output(
                status: status,
                stdout: (try? Data(contentsOf: scratch.appendingPathComponent("stdout"))) ?? Data(),
                stderr: (try? Data(contentsOf: scratch.appendingPathComponent("stderr"))) ?? Data())
        }

        func finish() {
            for handle in handles { try? handle.close() }
            TemporaryDirectory.remove(scratch)
        }
    }
}
