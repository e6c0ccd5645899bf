import Foundation
import Hummingbird

/// The small JSON bodies the service answers with.
struct WebhookReply: Encodable {
    var status: String
    var reason: String?
    var triggers: [String]?

    static func response(_ httpStatus: HTTPResponse.Status, _ reply: WebhookReply) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(reply)) ?? Data(#"{"status":"error"}"#.utf8)
        return Response(
            status: httpStatus,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }

    static func text(_ httpStatus: HTTPResponse.Status, _ text: String, contentType: String = "text/plain") -> Response
    {
        Response(
            status: httpStatus,
            headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
