import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `docker-registry serve` child process, wrapped in a small shell watchdog.
///
/// The watchdog exists because a test process that crashes never runs `stop()`: the shell
/// polls the test process id and terminates the registry once it is gone, so a crashed test
/// run leaves nothing behind for long.
struct RegistryProcess: Sendable {
    static let executable = "/usr/bin/docker-registry"

    private static let watchdog = """
        "$1" serve "$2" & child=$!
        echo "$child" > "$4"
        trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT
        while kill -0 "$3" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
            sleep 1 & nap=$!
            wait "$nap"
        done
        kill -TERM "$child" 2>/dev/null
        wait "$child"
        """

    private let process: ProcessBox
    private let pidFile: URL
    let logFile: URL

    static func launch(configuration: URL, directory: URL) throws -> RegistryProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSupportError.serverDidNotStart(
                "docker-registry", detail: "\(executable) is missing (apt-get install docker-registry)")
        }
        let logFile = directory.appendingPathComponent("registry.log")
        let pidFile = directory.appendingPathComponent("registry.pid")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        try? FileManager.default.removeItem(at: pidFile)
        let log = try FileHandle(forWritingTo: logFile)
        defer { try? log.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", watchdog, "registry-watchdog",
            executable, configuration.path, String(getpid()), pidFile.path,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return RegistryProcess(process: ProcessBox(process), pidFile: pidFile, logFile: logFile)
    }

    var isRunning: Bool { process.value.isRunning }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Polls until the registry accepts TCP connections on `port`; false if it exited or took too long.
    func waitUntilListening(on port: Int, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard isRunning else { return false }
            if FreePort.isAccepting(port) { return true }
            try? await Task.sleep(for: .milliseconds(15))
        }
        return false
    }

    /// SIGTERM, then SIGKILL for the watchdog and the registry after a grace period.
    func stop(grace: Duration = .seconds(3)) async {
        if isRunning {
            process.value.terminate()
            let deadline = ContinuousClock.now + grace
            while isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        if isRunning { kill(process.value.processIdentifier, SIGKILL) }
        // The registry itself normally exits with its watchdog; make sure of it.
        if let text = try? String(contentsOf: pidFile, encoding: .utf8),
            let child = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), child > 0
        {
            let deadline = ContinuousClock.now + grace
            while kill(child, 0) == 0, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
            if kill(child, 0) == 0 { kill(child, SIGKILL) }
        }
        while isRunning { try? await Task.sleep(for: .milliseconds(5)) }
    }
}

/// Lets a `Process` travel inside Sendable values; it is only used through thread-safe calls.
final class ProcessBox: @unchecked Sendable {
    let value: Process
    init(_ value: Process) { self.value = value }
}
