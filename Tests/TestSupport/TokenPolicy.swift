import Foundation
import Hummingbird

/// Decides who gets which token and renders the token response.
struct TokenPolicy: Sendable {
    let user: String
    let password: String
    let anonymousPull: Bool
    let service: String
    let issuer: String

    func respond(to request: Request, signer: TokenSigner, ledger: TokenLedger) async throws -> Response {
        guard request.method == .get, request.uri.path == "/token" else {
            return Response(status: .notFound)
        }
        let authenticated: Bool
        switch BasicCredentials(header: request.headers[.authorization]) {
        case .some(let credentials) where credentials.user == user && credentials.password == password:
            authenticated = true
        case .some:
            return Self.unauthorized
        case .none:
            guard anonymousPull else { return Self.unauthorized }
            authenticated = false
        }
        let query = request.uri.queryParameters
        if let requested = query["service"].map(String.init), requested != service {
            return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: "unknown service\n")))
        }
        let scopes = query.getAll("scope").flatMap { $0.split(separator: " ").map(String.init) }
        let access = scopes.compactMap { Self.grant(scope: $0, authenticated: authenticated) }
        let issuedAt = Date()
        let token = try signer.sign(
            issuer: issuer, subject: authenticated ? user : "", audience: service, access: access,
            issuedAt: issuedAt, lifetime: 300)
        await ledger.recordIssued()
        let body: [String: Any] = [
            "token": token, "access_token": token, "expires_in": 300,
            "issued_at": issuedAt.formatted(.iso8601),
        ]
        let data = try JSONSerialization.data(withJSONObject: body, options: .sortedKeys)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `repository:name:pull,push` → granted actions; anonymous clients only ever get `pull`.
    static func grant(scope: String, authenticated: Bool) -> TokenSigner.Access? {
        guard let first = scope.firstIndex(of: ":"), let last = scope.lastIndex(of: ":"), first < last else {
            return nil
        }
        let type = String(scope[..<first])
        let name = String(scope[scope.index(after: first)..<last])
        var actions = scope[scope.index(after: last)...].split(separator: ",").map(String.init)
        if !authenticated { actions = actions.filter { $0 == "pull" } }
        return TokenSigner.Access(type: type, name: name, actions: actions)
    }

    static var unauthorized: Response {
        Response(
            status: .unauthorized,
            headers: [.wwwAuthenticate: "Basic realm=\"test-token-server\"", .contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")))
    }
}

/// `Authorization: Basic …` decoded; nil when absent or not Basic.
struct BasicCredentials: Sendable, Equatable {
    let user: String
    let password: String

    init?(header: String?) {
        guard let header, header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        user = String(text[..<colon])
        password = String(text[text.index(after: colon)...])
    }
}
