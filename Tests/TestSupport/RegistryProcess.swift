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
        trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT
        while kill -0 "$3" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
            sleep 1 & nap=$!
            wait "$nap"
        done
        kill -TERM "$child" 2>/dev/null
        wait "$child"
        """

    private let process: SpawnedProcess
    let logFile: URL

    static func launch(configuration: URL, directory: URL) throws -> RegistryProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSupportError.serverDidNotStart(
                "docker-registry", detail: "\(executable) is missing (apt-get install docker-registry)")
        }
        let logFile = directory.appendingPathComponent("registry.log")
        let process = try SpawnedProcess.spawn(
            "/bin/sh",
            ["-c", watchdog, "registry-watchdog", executable, configuration.path, String(getpid())],
            logPath: logFile.path)
        return RegistryProcess(process: process, logFile: logFile)
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Polls until the registry accepts TCP connections on `port`; false if it exited or took too long.
    func waitUntilListening(on port: Int, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard await process.isRunning else { return false }
            if FreePort.isAccepting(port) { return true }
            try? await Task.sleep(for: .milliseconds(15))
        }
        return false
    }

    /// SIGTERM to the watchdog, which stops the registry and waits for it; SIGKILL after a grace period.
    func stop(grace: Duration = .seconds(3)) async {
        await process.terminate(grace: grace)
    }
}
