import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// What a ``FaultProxy`` does with one request.
struct FaultBehaviour: Sendable {
    let rules: [FaultRule]
    let forwarder: UpstreamForwarder
    let recorder: RequestRecorder

    func respond(to request: Request, context: ChannelRequestContext) async throws -> Response {
        let target = request.uri.string
        let rule = await recorder.claim(rules, method: request.method.rawValue, target: target)
        await recorder.record(Self.record(request, fault: rule.map { "\($0.fault)" }))
        let body = try await request.body.collect(upTo: UpstreamForwarder.bodyLimit)
        guard let fault = rule?.fault else {
            return UpstreamForwarder.response(
                from: try await forwarder.forward(request, body: body), method: request.method)
        }
        switch fault {
        case .status(let code, let retryAfter, _):
            var headers: HTTPFields = [.contentType: "application/json"]
            if let retryAfter { headers[.retryAfter] = retryAfter }
            let text = "{\"errors\":[{\"code\":\"FAULT\",\"message\":\"scripted HTTP \(code)\"}]}"
            return Response(
                status: .init(code: code), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        case .respond(let status, let headers, let data):
            var fields = HTTPFields()
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
                if let fieldName = HTTPFields.Element.Name(name) { fields.append(.init(name: fieldName, value: value)) }
            }
            return Response(
                status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        case .delay(let duration):
            try await Task.sleep(for: duration)
            return UpstreamForwarder.response(
                from: try await forwarder.forward(request, body: body), method: request.method)
        case .resetConnection:
            // SO_LINGER 0 makes close() send RST instead of FIN.
            if let provider = context.channel as? any SocketOptionProvider {
                try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
            }
            try? await context.channel.close()
            throw CancellationError()
        case .wrongDigestHeader:
            var reply = try await forwarder.forward(request, body: body)
            let wrong = Digest.sha256(Data("not-the-content:\(reply.header("Docker-Content-Digest") ?? "")".utf8))
            reply.headers.removeAll { $0.name.lowercased() == "docker-content-digest" }
            reply.headers.append(("Docker-Content-Digest", wrong))
            return UpstreamForwarder.response(from: reply, method: request.method)
        case .truncateBody:
            let reply = try await forwarder.forward(request, body: body)
            let whole = reply.body
            let channel = context.channel
            let truncated = ResponseBody(contentLength: whole.readableBytes) { writer in
                if let half = whole.getSlice(at: whole.readerIndex, length: whole.readableBytes / 2) {
                    try await writer.write(half)
                }
                try? await Task.sleep(for: .milliseconds(20))
                try? await channel.close()
                throw CancellationError()
            }
            return UpstreamForwarder.response(from: reply, method: request.method, body: truncated)
        case .slowDrip(let bytesPerSecond):
            let reply = try await forwarder.forward(request, body: body)
            let whole = reply.body
            let chunk = max(1, bytesPerSecond / 10)
            let dripping = ResponseBody(contentLength: whole.readableBytes) { writer in
                var offset = 0
                while offset < whole.readableBytes {
                    let length = min(chunk, whole.readableBytes - offset)
                    if let slice = whole.getSlice(at: whole.readerIndex + offset, length: length) {
                        try await writer.write(slice)
                    }
                    offset += length
                    try await Task.sleep(for: .milliseconds(100))
                }
                try await writer.finish(nil)
            }
            return UpstreamForwarder.response(from: reply, method: request.method, body: dripping)
        }
    }

    static func record(_ request: Request, fault: String?) -> RecordedRequest {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        return RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers,
            fault: fault)
    }
}
