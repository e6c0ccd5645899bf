import Foundation
import Hummingbird

/// A proxy that adds `n`/`last` pagination with `Link` headers to `/v2/<name>/tags/list`.
///
/// Registry 2.8 ignores `?n=`, so this fetches the whole list upstream and serves it in pages of at
/// most `pageSize` tags (fewer when the client asks for fewer with `n`). Everything else — auth
/// challenges included — is forwarded verbatim.
public struct PaginatingProxy: Sendable {
    /// `127.0.0.1:PORT`.
    public let host: String
    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    private let server: LoopbackHTTPServer
    private let forwarder: UpstreamForwarder
    private let recorder: RequestRecorder

    /// Starts a paginating proxy in front of `upstream`.
    public static func start(upstream: RegistryServer, pageSize: Int) async throws -> PaginatingProxy {
        try await start(upstream: upstream.baseURL, pageSize: pageSize, trusting: upstream.caCertificatePEM)
    }

    /// Starts a paginating proxy in front of a registry base URL; `caPEM` is trusted when it uses TLS.
    public static func start(
        upstream: String, pageSize: Int, trusting caPEM: String? = nil
    ) async throws
        -> PaginatingProxy
    {
        guard pageSize > 0 else { throw TestSupportError.invalidArgument("paginating proxy: pageSize must be > 0") }
        let forwarder = try UpstreamForwarder(upstream: upstream, trusting: caPEM)
        let recorder = RequestRecorder()
        let pager = TagPager(pageSize: pageSize, forwarder: forwarder)
        do {
            let server = try await LoopbackHTTPServer.start(name: "paginating-proxy") { request, _ in
                await recorder.record(FaultBehaviour.record(request, fault: nil))
                return try await pager.respond(to: request)
            }
            return PaginatingProxy(
                host: "127.0.0.1:\(server.port)", baseURL: server.baseURL, server: server, forwarder: forwarder,
                recorder: recorder)
        } catch {
            await forwarder.shutdown()
            throw error
        }
    }

    /// Every request seen so far, in arrival order (e.g. to count the pages a client fetched).
    public func requests() async -> [RecordedRequest] {
        await recorder.all
    }

    /// Stops listening and closes the upstream client.
    public func stop() async throws {
        await server.stop()
        await forwarder.shutdown()
    }
}

/// Slices an upstream tag list into one page.
struct TagPager: Sendable {
    let pageSize: Int
    let forwarder: UpstreamForwarder

    func respond(to request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: UpstreamForwarder.bodyLimit)
        let path = request.uri.path
        guard request.method == .get, path.hasPrefix("/v2/"), path.hasSuffix("/tags/list") else {
            return UpstreamForwarder.response(
                from: try await forwarder.forward(request, body: body), method: request.method)
        }
        let reply = try await forwarder.forward(request, body: body, pathAndQuery: path)
        guard reply.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(buffer: reply.body)) as? [String: Any],
            let name = object["name"] as? String
        else {
            return UpstreamForwarder.response(from: reply, method: request.method)
        }
        let tags = ((object["tags"] as? [String]) ?? []).sorted()
        let query = request.uri.queryParameters
        let requested = query["n"].flatMap { Int(String($0)) }
        let limit = min(max(requested ?? pageSize, 0), pageSize)
        let after = query["last"].map(String.init)
        let remaining = after.map { last in tags.filter { $0 > last } } ?? tags
        let page = Array(remaining.prefix(limit))

        var fields: HTTPFields = [.contentType: "application/json"]
        if remaining.count > page.count, let last = page.last, let link = HTTPFields.Element.Name("Link") {
            fields[link] = "</v2/\(name)/tags/list?n=\(limit)&last=\(last)>; rel=\"next\""
        }
        let data = JSON.canonical(["name": name, "tags": page] as [String: Any])
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Starts a paginating proxy in front of `upstream`, runs `body` with it and always stops it.
@discardableResult
public func withPaginatingProxy<T>(
    upstream: RegistryServer, pageSize: Int, _ body: (PaginatingProxy) async throws -> T
) async throws -> T {
    let proxy = try await PaginatingProxy.start(upstream: upstream, pageSize: pageSize)
    do {
        let result = try await body(proxy)
        try await proxy.stop()
        return result
    } catch {
        try? await proxy.stop()
        throw error
    }
}
