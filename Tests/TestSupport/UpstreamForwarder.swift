import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1

/// Forwards a request to an upstream server and hands back the whole reply, so proxies can edit it.
///
/// Bodies are buffered (test payloads are small; the cap keeps memory bounded). The upstream sees
/// `X-Forwarded-Host`/`-Proto`, so a registry writes upload `Location`s that point back at the proxy.
struct UpstreamForwarder: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: ByteBuffer

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    static let bodyLimit = 256 * 1024 * 1024
    private static let hopByHop: Set<String> = [
        "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer",
    ]

    let upstream: String
    let client: HTTPClient

    init(upstream: String, trusting caPEM: String?) throws {
        self.upstream = upstream.hasSuffix("/") ? String(upstream.dropLast()) : upstream
        self.client = try HTTPClientFactory.make(trusting: caPEM)
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends `request` upstream with `pathAndQuery` (defaults to the request's own).
    func forward(_ request: Request, body: ByteBuffer, pathAndQuery: String? = nil) async throws -> Reply {
        var outbound = HTTPClientRequest(url: upstream + (pathAndQuery ?? request.uri.string))
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers {
            let name = field.name.canonicalName
            if name == "host" || name == "content-length" || Self.hopByHop.contains(name) { continue }
            outbound.headers.add(name: field.name.rawName, value: field.value)
        }
        if let host = request.head.authority {
            outbound.headers.replaceOrAdd(name: "X-Forwarded-Host", value: host)
            outbound.headers.replaceOrAdd(name: "X-Forwarded-Proto", value: "http")
        }
        if body.readableBytes > 0 || request.method == .post || request.method == .put || request.method == .patch {
            outbound.body = .bytes(body)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outbound, timeout: .seconds(60))
        } catch {
            throw TestSupportError.upstreamFailed("proxy for \(upstream)", detail: "\(error)")
        }
        let bytes = try await response.body.collect(upTo: Self.bodyLimit)
        return Reply(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: bytes)
    }

    /// Turns a reply into a Hummingbird response, keeping `Content-Length` only for HEAD (no body to measure).
    static func response(from reply: Reply, method: HTTPRequest.Method, body: ResponseBody? = nil) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            let lowered = name.lowercased()
            if hopByHop.contains(lowered) { continue }
            if lowered == "content-length", method != .head { continue }
            if let fieldName = HTTPFields.Element.Name(name) {
                fields.append(HTTPFields.Element(name: fieldName, value: value))
            }
        }
        return Response(
            status: .init(code: reply.status),
            headers: fields,
            body: body ?? .init(byteBuffer: reply.body))
    }
}
