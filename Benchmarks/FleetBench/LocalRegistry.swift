import Foundation

/// A `docker-registry` child process serving a given (cached) storage folder on a free loopback port.
///
/// TestSupport's `RegistryServer` always starts from empty temporary storage; the benchmark needs to
/// reuse a populated folder, so it launches the same binary itself.
final class LocalRegistry: Sendable {
    let baseURL: String
    private let process: Process

    private init(baseURL: String, process: Process) {
        self.baseURL = baseURL
        self.process = process
    }

    static func start(storage: URL, scratch: URL) async throws -> LocalRegistry {
        let port = try freePort()
        let config = scratch.appendingPathComponent("registry.yml")
        let yaml = """
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: "\(storage.path)"
              maintenance:
                uploadpurging:
                  enabled: false
            http:
              addr: "127.0.0.1:\(port)"
              secret: "fleet-bench"

            """
        try Data(yaml.utf8).write(to: config)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/docker-registry")
        process.arguments = ["serve", config.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: touch(scratch.appendingPathComponent("registry.log")))
        try process.run()
        let registry = LocalRegistry(baseURL: "http://127.0.0.1:\(port)", process: process)
        for _ in 0..<400 {
            if isAccepting(port) { return registry }
            try await Task.sleep(for: .milliseconds(25))
        }
        registry.stop()
        throw BenchError("docker-registry did not start on port \(port) (see \(scratch.path)/registry.log)")
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    private static func touch(_ url: URL) -> URL {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw BenchError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func isAccepting(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
