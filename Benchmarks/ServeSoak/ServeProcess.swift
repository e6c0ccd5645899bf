import Foundation

/// The real `argocd-image-pr serve` as a child of the soak, its output in a log file.
final class ServeProcess {
    let process: Process
    let port: Int
    let logPath: String

    var pid: Int32 { process.processIdentifier }

    /// Starts `binary serve --config <configuration> --port <port>`.
    init(binary: String, configuration: URL, port: Int, environment: [String: String], log: URL) throws {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--config", configuration.path, "--port", String(port)]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        self.port = port
        self.logPath = log.path
        try process.run()
        try? handle.close()
    }

    /// SIGTERM, then up to `grace` for a clean exit before SIGKILL.
    func stop(grace: Duration = .seconds(40)) async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// The last lines of the service's log, for an error message.
    func logTail(_ lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
