import Foundation

/// A real `docker-registry` (distribution 2.8) on a free loopback port, with its own storage.
///
/// Start one per test and always stop it — prefer ``withRegistry(auth:tls:anonymousPull:_:)``,
/// which stops it even when the test throws. Should the test process die without stopping it,
/// a watchdog ends the registry within about a second.
public struct RegistryServer: Sendable {
    /// How clients authenticate to the registry.
    public enum Auth: Sendable, Equatable {
        /// No authentication at all.
        case anonymous
        /// HTTP Basic against a bcrypt htpasswd file holding this one user.
        case basic(user: String, password: String)
        /// The Docker bearer-token flow against an in-process token server that accepts this user.
        case token(user: String, password: String)
    }

    /// `127.0.0.1:PORT`, what goes in an image reference.
    public let host: String
    /// `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT`.
    public let baseURL: String
    /// The port the registry listens on.
    public let port: Int
    /// The authentication the registry demands.
    public let auth: Auth
    /// PEM file of the self-signed CA that issued the server certificate, when started with TLS.
    public let caCertificatePath: String?
    /// The same CA certificate as PEM text.
    public let caCertificatePEM: String?
    /// The token server's realm URL (`http://127.0.0.1:PORT/token`) for ``Auth/token(user:password:)``.
    public let tokenRealm: String?
    /// The `service` the token server issues tokens for.
    public let tokenService: String?

    let directory: URL
    private let process: RegistryProcess
    let tokenServer: TokenServer?

    /// Starts a registry and returns once it accepts connections (bounded by ~10 s).
    ///
    /// - Parameter anonymousPull: with ``Auth/token(user:password:)``, lets the token server grant
    ///   pull-only tokens to clients without credentials; by default they get 401.
    public static func start(
        auth: Auth = .anonymous,
        tls: Bool = false,
        anonymousPull: Bool = false
    ) async throws -> RegistryServer {
        let directory = try TemporaryDirectory.make(prefix: "registry")
        var tokenServer: TokenServer?
        do {
            var configuration = RegistryConfiguration(
                port: 0, storageDirectory: directory.appendingPathComponent("data").path)
            var authority: TestCertificateAuthority?
            if tls {
                let ca = try await TestCertificateAuthority.make(in: directory)
                configuration.tls = (ca.serverCertificatePath, ca.serverKeyPath)
                authority = ca
            }
            switch auth {
            case .anonymous:
                break
            case .basic(let user, let password):
                configuration.htpasswd = try await Htpasswd.write(
                    user: user, password: password, to: directory.appendingPathComponent("htpasswd"))
            case .token(let user, let password):
                let server = try await TokenServer.start(
                    directory: directory, user: user, password: password, anonymousPull: anonymousPull)
                tokenServer = server
                configuration.token = .init(
                    realm: server.realm, service: server.service, issuer: server.issuer,
                    rootCertificateBundle: server.certificatePath)
            }
            let configURL = directory.appendingPathComponent("config.yml")
            var lastLog = ""
            for _ in 0..<3 {
                configuration.port = try FreePort.loopback()
                try Data(configuration.yaml.utf8).write(to: configURL)
                let process = try RegistryProcess.launch(configuration: configURL, directory: directory)
                if await process.waitUntilListening(on: configuration.port) {
                    let scheme = tls ? "https" : "http"
                    return RegistryServer(
                        host: "127.0.0.1:\(configuration.port)",
                        baseURL: "\(scheme)://127.0.0.1:\(configuration.port)",
                        port: configuration.port,
                        auth: auth,
                        caCertificatePath: authority?.caCertificatePath,
                        caCertificatePEM: authority?.caCertificatePEM,
                        tokenRealm: tokenServer?.realm,
                        tokenService: tokenServer?.service,
                        directory: directory,
                        process: process,
                        tokenServer: tokenServer
                    )
                }
                lastLog = process.log
                await process.stop()
            }
            throw TestSupportError.serverDidNotStart("docker-registry", detail: lastLog)
        } catch {
            await tokenServer?.stop()
            TemporaryDirectory.remove(directory)
            throw error
        }
    }

    /// Stops the registry (SIGTERM, SIGKILL after a grace period), its token server, and removes its storage.
    public func stop() async throws {
        await process.stop()
        await tokenServer?.stop()
        TemporaryDirectory.remove(directory)
    }

    /// How many tokens the token server has issued so far (0 without token auth).
    ///
    /// ``ImagePusher`` fetches tokens too, so tests compare counts before and after the code under test.
    public func tokensIssued() async -> Int {
        await tokenServer?.tokensIssued() ?? 0
    }

    /// The registry's own log (errors only), for diagnosing a failing test.
    public var log: String { process.log }
}

/// Starts a registry, runs `body` with it and always stops it, even when `body` throws.
@discardableResult
public func withRegistry<T>(
    auth: RegistryServer.Auth = .anonymous,
    tls: Bool = false,
    anonymousPull: Bool = false,
    _ body: (RegistryServer) async throws -> T
) async throws -> T {
    let registry = try await RegistryServer.start(auth: auth, tls: tls, anonymousPull: anonymousPull)
    do {
        let result = try await body(registry)
        try await registry.stop()
        return result
    } catch {
        try? await registry.stop()
        throw error
    }
}
