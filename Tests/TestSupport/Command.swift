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
    }

    /// Runs the tool, waiting for it asynchronously; never throws for a non-zero exit status.
    static func output(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: Data? = nil
    ) async throws -> Output {
        let scratch = try TemporaryDirectory.make(prefix: "cmd")
        defer { TemporaryDirectory.remove(scratch) }
        let stdinURL = scratch.appendingPathComponent("stdin")
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        try (input ?? Data()).write(to: stdinURL)
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let stdin = try FileHandle(forReadingFrom: stdinURL)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr

        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Output(
            status: status,
            stdout: (try? Data(contentsOf: stdoutURL)) ?? Data(),
            stderr: (try? Data(contentsOf: stderrURL)) ?? Data()
        )
    }

    /// Runs the tool, blocking the calling thread until it exits; for synchronous fixture builders.
    static func outputBlocking(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        input: Data? = nil
    ) throws -> Output {
        let scratch = try TemporaryDirectory.make(prefix: "cmd")
        defer { TemporaryDirectory.remove(scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        let stdinURL = scratch.appendingPathComponent("stdin")
        try (input ?? Data()).write(to: stdinURL)
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let stdin = try FileHandle(forReadingFrom: stdinURL)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: (try? Data(contentsOf: stdoutURL)) ?? Data(),
            stderr: (try? Data(contentsOf: stderrURL)) ?? Data()
        )
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
        let result = try outputBlocking(
            executable, arguments, environment: environment, directory: directory, input: input)
        guard result.status == 0 else {
            let name = URL(fileURLWithPath: executable).lastPathComponent
            let verb = arguments.first.map { " \($0)" } ?? ""
            throw TestSupportError.processFailed("\(name)\(verb)", status: result.status, output: result.stderrText)
        }
        return result.stdoutText
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
        let result = try await output(
            executable, arguments, environment: environment, directory: directory, input: input)
        guard result.status == 0 else {
            let name = URL(fileURLWithPath: executable).lastPathComponent
            let verb = arguments.first.map { " \($0)" } ?? ""
            throw TestSupportError.processFailed("\(name)\(verb)", status: result.status, output: result.stderrText)
        }
        return result.stdoutText
    }
}
