import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// One HTTP request with the client's bounds: a deadline over the whole exchange (connect to last body
/// byte, redirects included), a body size limit enforced while streaming, and redirects followed by hand
/// (at most N, http(s) only, `Authorization` dropped when the host changes).
struct HTTPTransport: Sendable {
    let client: HTTPClient
    let limits: RegistryLimits
    let logger: Logger

    struct Request: Sendable {
        var method: HTTPMethod = .GET
        var url: RegistryURL
        var headers: HTTPHeaders = [:]
        var tls: TLSConfiguration?
        var bodyLimit: Int
    }

    /// Performs `request`; throws ``RegistryError`` (without registry/repository, which callers add).
    func send(_ request: Request) async throws -> RegistryResponse {
        let timeout = limits.requestTimeout
        return try await withThrowingTaskGroup(of: RegistryResponse?.self) { group in
            group.addTask { try await self.followingRedirects(request) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw RegistryError(.timeout(seconds: Self.seconds(timeout)))
            }
            return response
        }
    }

    private func followingRedirects(_ original: Request) async throws -> RegistryResponse {
        var request = original
        var redirects = 0
        while true {
            let response = try await exchange(request)
            guard [301, 302, 303, 307, 308].contains(response.status),
                let location = response.headers.first(name: "location")
            else { return response }
            redirects += 1
            guard redirects <= limits.maximumRedirects else {
                throw RegistryError(.tooManyRedirects(limit: limits.maximumRedirects))
            }
            guard let next = request.url.resolving(location) else {
                throw RegistryError(.badRedirect(location: CredentialSource.quoted(location)))
            }
            if next.authority != request.url.authority || next.scheme != request.url.scheme {
                // Credentials and tokens are for the registry only, never for storage it redirects to.
                request.headers.remove(name: "authorization")
            }
            if response.status == 303 { request.method = .GET }
            logger.debug(
                "following redirect",
                metadata: ["http.status": "\(response.status)", "http.location": "\(next.authority)"]
            )
            request.url = next
        }
    }

    private func exchange(_ request: Request) async throws -> RegistryResponse {
        var outgoing = HTTPClientRequest(url: request.url.description)
        outgoing.method = request.method
        outgoing.headers = request.headers
        outgoing.tlsConfiguration = request.tls
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, deadline: .now() + .seconds(3600), logger: logger)
        } catch {
            throw Self.classify(error)
        }
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > request.bodyLimit {
            throw RegistryError(.bodyTooLarge(limit: request.bodyLimit))
        }
        var body: [UInt8] = []
        if request.method != .HEAD {
            do {
                for try await chunk in response.body {
                    guard body.count + chunk.readableBytes <= request.bodyLimit else {
                        throw RegistryError(.bodyTooLarge(limit: request.bodyLimit))
                    }
                    body.append(contentsOf: chunk.readableBytesView)
                }
            } catch {
                throw Self.classify(error)
            }
        }
        return RegistryResponse(
            status: Int(response.status.code),
            reason: response.status.reasonPhrase,
            headers: response.headers,
            body: body,
            url: request.url
        )
    }

    /// Maps client, NIO and TLS errors to one-line registry errors; cancellation stays cancellation.
    static func classify(_ error: any Error) -> any Error {
        if error is RegistryError || error is CancellationError { return error }
        let text = String(describing: error)
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .cancelled: return CancellationError()
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return RegistryError(.connection(detail: "timed out"))
            default: break
            }
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed")
            || text.contains("unableToValidateCertificate") || error is NIOSSLExtraError
        {
            return RegistryError(.tlsUntrusted(detail: Self.tlsDetail(text)))
        }
        if error is NIOSSLError || text.contains("SSL") || text.contains("TLS") {
            return RegistryError(.tls(detail: String(text.prefix(200))))
        }
        return RegistryError(.connection(detail: connectionDetail(error) ?? String(text.prefix(200))))
    }

    /// The operating system's words for a socket failure (`Connection refused`), without NIO's wrapping.
    private static func connectionDetail(_ error: any Error) -> String? {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if let clientError = error as? HTTPClientError, clientError == .remoteConnectionClosed {
            return "the registry closed the connection before the answer was complete"
        }
        return nil
    }

    private static func tlsDetail(_ text: String) -> String {
        if text.contains("self signed") || text.contains("self-signed") { return "self-signed certificate" }
        if text.contains("unable to get local issuer") || text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "certificate signed by unknown authority"
        }
        if text.contains("hostname") || text.contains("Hostname") { return "certificate does not match the host name" }
        return "certificate verification failed"
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
