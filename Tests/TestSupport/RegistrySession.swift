import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Authenticated requests to one repository of a test registry, used by ``ImagePusher``.
struct RegistrySession: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let registry: RegistryServer
    let client: HTTPClient
    let repository: String
    let authorization: String?

    static func open(_ registry: RegistryServer, client: HTTPClient, repository: String) async throws -> Self {
        switch registry.auth {
        case .anonymous:
            return Self(registry: registry, client: client, repository: repository, authorization: nil)
        case .basic(let user, let password):
            return Self(
                registry: registry, client: client, repository: repository,
                authorization: basic(user, password))
        case .token(let user, let password):
            guard let realm = registry.tokenRealm, let service = registry.tokenService else {
                throw TestSupportError.invalidArgument("image pusher: token registry without a realm")
            }
            var components = URLComponents(string: realm)
            components?.queryItems = [
                URLQueryItem(name: "service", value: service),
                URLQueryItem(name: "scope", value: "repository:\(repository):pull,push,delete"),
            ]
            var request = HTTPClientRequest(url: components?.string ?? realm)
            request.headers.add(name: "Authorization", value: basic(user, password))
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok,
                let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                let token = object["token"] as? String
            else {
                throw TestSupportError.registryRejected(
                    "token request", status: Int(response.status.code), body: String(buffer: body))
            }
            return Self(
                registry: registry, client: client, repository: repository, authorization: "Bearer \(token)")
        }
    }

    private static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// `path` is relative to `/v2/<repository>/`, or an absolute URL (an upload `Location`).
    func send(
        _ method: HTTPMethod, _ path: String, body: Data? = nil, contentType: String? = nil,
        accept: String? = nil
    ) async throws -> Reply {
        let url: String
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            url = path
        } else if path.hasPrefix("/") {
            url = registry.baseURL + path
        } else {
            url = "\(registry.baseURL)/v2/\(repository)/\(path)"
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
        } else if method == .POST || method == .PUT {
            request.headers.add(name: "Content-Length", value: "0")
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer: bytes))
    }

    /// Monolithic blob upload: POST for a session, then PUT with the digest.
    func uploadBlob(_ data: Data) async throws {
        let digest = Digest.sha256(data)
        let started = try await send(.POST, "blobs/uploads/")
        guard started.status == 202, let location = started.headers.first(name: "Location") else {
            throw TestSupportError.registryRejected("blob upload start", status: started.status, body: started.text)
        }
        let separator = location.contains("?") ? "&" : "?"
        let target = location + separator + "digest=" + digest.replacingOccurrences(of: ":", with: "%3A")
        let finished = try await send(.PUT, target, body: data, contentType: "application/octet-stream")
        guard finished.status == 201 else {
            throw TestSupportError.registryRejected(
                "blob upload \(digest)", status: finished.status, body: finished.text)
        }
    }

    /// PUTs a manifest and returns the digest the registry reports.
    func putManifest(_ data: Data, mediaType: String, reference: String) async throws -> String {
        let reply = try await send(.PUT, "manifests/\(reference)", body: data, contentType: mediaType)
        guard reply.status == 201 else {
            throw TestSupportError.registryRejected(
                "manifest \(repository):\(reference)", status: reply.status, body: reply.text)
        }
        return reply.headers.first(name: "Docker-Content-Digest") ?? Digest.sha256(data)
    }
}
