import AsyncHTTPClient
import NIOSSL

/// HTTP clients for the helpers, trusting a test CA when one is given.
enum HTTPClientFactory {
    /// Runs `body` with a fresh client and always shuts it down.
    static func with<T>(
        trusting caPEM: String? = nil,
        _ body: (HTTPClient) async throws -> T
    ) async throws -> T {
        let client = try make(trusting: caPEM)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func make(trusting caPEM: String?) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.decompression = .disabled
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        if let caPEM {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
            configuration.tlsConfiguration = tls
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
