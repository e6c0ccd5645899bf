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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = []
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let collected = Mutex<[UInt8]>([])
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            collected.withLock { buffer in
                if buffer.count < maximumOutputBytes { buffer.append(contentsOf: chunk.prefix(maximumOutputBytes)) }
            }
        }
        let status: Int32 = try await withThrowingTaskGroup(of: Int32?.self) { group in
            let exited = AsyncStream<Int32> { continuation in
                process.terminationHandler = { finished in
                    continuation.yield(finished.terminationStatus)
                    continuation.finish()
                }
            }
            do {
                try process.run()
            } catch {
                throw fail("cannot be started")
            }
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
}
