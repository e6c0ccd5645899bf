import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One-shot HTTP requests for assertions against the test servers (no redirects, no decompression).
public enum TestHTTP {
    /// A fully read response.
    public struct Response: Sendable {
        public let status: Int
        /// Header values by lower-cased name; repeated headers are joined with ", ".
        public let headers: [String: String]
        public let body: Data
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// Case-insensitive header lookup.
        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// Sends one request; `caPEM` is trusted in addition to nothing else (for TLS test registries).
    public static func send(
        _ method: String = "GET",
        _ url: String,
        headers: [String: String] = [:],
        body: Data? = nil,
        trusting caPEM: String? = nil,
        timeout: Duration = .seconds(30)
    ) async throws -> Response {
        try await HTTPClientFactory.with(trusting: caPEM) { client in
            var request = HTTPClientRequest(url: url)
            request.method = HTTPMethod(rawValue: method)
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
                request.headers.add(name: name, value: value)
            }
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
            let response = try await client.execute(request, timeout: .nanoseconds(nanoseconds))
            let bytes = try await response.body.collect(upTo: 64 << 20)
            var fields: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                fields[key] = fields[key].map { "\($0), \(value)" } ?? value
            }
            return Response(status: Int(response.status.code), headers: fields, body: Data(buffer: bytes))
        }
    }

    /// `Authorization` value for HTTP Basic.
    public static func basic(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}
