import Foundation
import Synchronization

/// Runs a registries.conf `ext:<script>` credential script as Argo CD Image Updater does: an absolute path,
/// no arguments, at most 10 s, and one line `user:password` on stdout.
///
/// Only registries.conf may name a script; annotations are refused before this is reached.
enum ExternalCredentialScript {
    static let timeout: Duration = .seconds(10)
    static let maximumOutputBytes = 64 * 1024

    static func run(_ path: String, registry: String) async throws -> RegistryCredential {
        func fail(_ detail: String) -> RegistryError {
            RegistryError(
                .credentials(detail: "registries.conf credentials ext:\(path): \(detail)"), registry: registry)
        }
        guard path.hasPrefix("/") else { throw fail("the script path must be absolute") }
        guard FileManager.default.isExecutableFile(atPath: path) else { throw fail("not an executable file") }
        let output = Pipe()
        let collected = Mutex<[UInt8]>([])
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            collected.withLock { buffer in
                if buffer.count < maximumOutputBytes { buffer.append(contentsOf: chunk.prefix(maximumOutputBytes)) }
            }
        }
        let (exited, exit) = AsyncStream<Int32>.makeStream()
        let process = try await start(path, output: output) { code in
            exit.yield(code)
            exit.finish()
        } failure: {
            fail("cannot be started (\($0))")
        }
        let status: Int32 = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await code in exited { return code }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let code = first else {
                process.terminate()
                throw fail("did not finish within 10 s")
            }
            return code
        }
        output.fileHandleForReading.readabilityHandler = nil
        let rest = output.fileHandleForReading.availableData
        let bytes = collected.withLock { $0 + Array(rest.prefix(maximumOutputBytes)) }
        guard status == 0 else { throw fail("exited with status \(status)") }
        let text = String(decoding: bytes, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard let credential = RegistryCredential.parse(line, origin: "ext:\(path)") else {
            throw fail("output is not one line user:password")
        }
        return credential
    }

    /// Starts the script, trying up to three times: a script written a moment ago can be briefly
    /// "text file busy" while a process forked elsewhere still holds it open for writing.
    private static func start(
        _ path: String, output: Pipe, onExit: @escaping @Sendable (Int32) -> Void,
        failure: (String) -> RegistryError
    ) async throws -> Process {
        var attempt = 1
        while true {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = []
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            process.terminationHandler = { onExit($0.terminationStatus) }
            do {
                try process.run()
                return process
            } catch {
                guard attempt < 3 else { throw failure(error.localizedDescription) }
                attempt += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
