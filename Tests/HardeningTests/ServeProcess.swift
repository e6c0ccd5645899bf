import AsyncHTTPClient
import Foundation
import NIOCore
import TestSupport

/// The real `argocd-image-pr serve` over a race fleet, in its own process: its reconciles are child `run`s, so
/// they race the test's own runs exactly as a manual `run` next to a deployed service would.
final class ServeProcess {
    let port: Int
    let log: URL
    private let process: Process

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `serve` with the fleet's repositories under `applications:` and its first reconcile due at once.
    static func start(_ fleet: RaceFleet) async throws -> ServeProcess {
        let config = fleet.root.appendingPathComponent("serve.yaml")
        var text = "applications:\n"
        for url in fleet.urls { text += "  - repo: \(url)\n" }
        text += "forges:\n  - url: \(fleet.forge.baseURL)\n    type: \(fleet.forge.kind.rawValue)\n"
        text += "    tokenEnv: \(RaceFleet.tokenVariable)\nservice:\n  interval: 1h\n"
        try text.write(to: config, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(fleet.environment) { _, new in new }
        environment["GITHUB_WEBHOOK_SECRET"] = RaceForge.githubSecret
        environment["GITLAB_WEBHOOK_TOKEN"] = RaceForge.gitlabToken
        let log = fleet.root.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let port = try FreePort.loopback()
        let process = Process()
        process.executableURL = ProductCLI.executable
        process.arguments = ["serve", "--config", config.path, "--port", String(port)]
        process.environment = environment
        process.currentDirectoryURL = fleet.root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let serve = ServeProcess(port: port, log: log, process: process)
        let deadline = ContinuousClock.now + .seconds(30)
        while !FreePort.isAccepting(port) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                await serve.stop()
                throw ServeProcessError("serve did not start: \(serve.logTail())")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return serve
    }

    private init(port: Int, log: URL, process: Process) {
        self.port = port
        self.log = log
        self.process = process
    }

    /// SIGTERM: serve lets running reconciles finish; SIGKILL only if it has not exited within `grace`.
    func stop(grace: Duration = .seconds(45)) async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var exitedCleanly: Bool { !process.isRunning && process.terminationStatus == 0 }

    /// Sends one request; the status and body text.
    func post(_ path: String, headers: [(String, String)], body: Data) async throws -> (Int, String) {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let reply = try await send(path, headers: headers, body: body, client: client)
            try await client.shutdown()
            return reply
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func send(
        _ path: String, headers: [(String, String)], body: Data, client: HTTPClient
    ) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    func logTail(_ lines: Int = 30) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

struct ServeProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
