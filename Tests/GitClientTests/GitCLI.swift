import Foundation
import TestSupport

/// The git command-line tool, used by tests as the independent witness of what GitClient did.
enum GitCLI {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `git <arguments>` and returns trimmed standard output; throws on a non-zero exit.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) async throws -> String {
        let (status, output, errors) = try await output(arguments, in: directory)
        guard status == 0 else {
            throw Failure(description: "git \(arguments.joined(separator: " ")) failed (\(status)): \(errors)")
        }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `git <arguments>` and returns the exit status, standard output and standard error.
    static func output(_ arguments: [String], in directory: URL? = nil) async throws -> (Int32, String, String) {
        let scratch = try TemporaryDirectory.make(prefix: "git-cli")
        defer { TemporaryDirectory.remove(scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // Tests must not depend on the machine's git configuration either.
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "Someone Else"
        environment["GIT_AUTHOR_EMAIL"] = "someone@example.invalid"
        environment["GIT_COMMITTER_NAME"] = "Someone Else"
        environment["GIT_COMMITTER_EMAIL"] = "someone@example.invalid"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let output = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        return (status, output, errors)
    }
}
