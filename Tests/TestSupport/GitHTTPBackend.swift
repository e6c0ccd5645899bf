import Foundation
import Hummingbird

/// Runs `git http-backend` for one request and turns its CGI output into a response.
struct GitHTTPBackend: Sendable {
    let root: URL
    let token: String?

    func respond(to request: Request) async throws -> Response {
        guard isAuthorized(request.headers[.authorization]) else {
            return Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: "Basic realm=\"test-git\""],
                body: .init(byteBuffer: ByteBuffer(string: "authentication required\n")))
        }
        let body = try await request.body.collect(upTo: UpstreamForwarder.bodyLimit)
        var environment = GitFixture.environment
        environment["GIT_PROJECT_ROOT"] = root.path
        environment["GIT_HTTP_EXPORT_ALL"] = "1"
        environment["REQUEST_METHOD"] = request.method.rawValue
        environment["PATH_INFO"] = request.uri.path.removingPercentEncoding ?? request.uri.path
        environment["QUERY_STRING"] = request.uri.query ?? ""
        environment["REMOTE_ADDR"] = "127.0.0.1"
        // http-backend only enables receive-pack (push) for an authenticated REMOTE_USER.
        environment["REMOTE_USER"] = "test-user"
        environment["CONTENT_TYPE"] = request.headers[.contentType] ?? ""
        if body.readableBytes > 0 { environment["CONTENT_LENGTH"] = String(body.readableBytes) }
        if let encoding = request.headers[.contentEncoding] { environment["HTTP_CONTENT_ENCODING"] = encoding }
        if let name = HTTPFields.Element.Name("Git-Protocol"), let protocolHeader = request.headers[name] {
            environment["GIT_PROTOCOL"] = protocolHeader
        }
        let output = try await Command.output(
            GitFixture.git, ["http-backend"], environment: environment, input: Data(buffer: body))
        return CGIResponse.parse(output.stdout, fallbackError: output.stderrText)
    }

    private func isAuthorized(_ header: String?) -> Bool {
        guard let token else { return true }
        guard let header else { return false }
        if header.lowercased().hasPrefix("bearer ") {
            return header.dropFirst(7).trimmingCharacters(in: .whitespaces) == token
        }
        guard let credentials = BasicCredentials(header: header) else { return false }
        return credentials.password == token || (credentials.user == token && credentials.password.isEmpty)
    }
}

/// CGI output (`Status:` and other headers, blank line, body) as a response.
enum CGIResponse {
    static func parse(_ output: Data, fallbackError: String) -> Response {
        let bytes = [UInt8](output)
        guard let (headerEnd, bodyStart) = separator(in: bytes) else {
            return Response(
                status: .internalServerError,
                body: .init(byteBuffer: ByteBuffer(string: "git http-backend failed: \(fallbackError.prefix(300))\n")))
        }
        let headerText = String(decoding: bytes[..<headerEnd], as: UTF8.self)
        var status = 200
        var fields = HTTPFields()
        for line in headerText.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "status" {
                status = Int(value.prefix(3)) ?? 500
            } else if let fieldName = HTTPFields.Element.Name(name) {
                fields.append(.init(name: fieldName, value: value))
            }
        }
        let body = ByteBuffer(bytes: bytes[bodyStart...])
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: body))
    }

    /// Index where headers end and where the body starts (after `\r\n\r\n` or `\n\n`).
    private static func separator(in bytes: [UInt8]) -> (Int, Int)? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }
}
