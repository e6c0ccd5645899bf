import AsyncHTTPClient
import Foundation
import NIOCore

/// The baseline: the fewest requests that answer the same question, one after another with a plain
/// HTTP client and no retries, auth, limits or caching — tag list, then per tag the manifest and its config.
struct RawRegistryLoop {
    let client: HTTPClient
    let baseURL: String
    let repository: String

    private static let accept = [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ].joined(separator: ", ")

    /// Returns how many tags were resolved to a digest and a created date.
    func run() async throws -> Int {
        let list = try await get("/v2/\(repository)/tags/list", accept: "application/json")
        let tags = (try JSONSerialization.jsonObject(with: list.body) as? [String: Any])?["tags"] as? [String] ?? []
        var resolved = 0
        for tag in tags {
            let manifest = try await get("/v2/\(repository)/manifests/\(tag)", accept: Self.accept)
            guard manifest.digest != nil,
                let object = try JSONSerialization.jsonObject(with: manifest.body) as? [String: Any],
                let config = (object["config"] as? [String: Any])?["digest"] as? String
            else { continue }
            let blob = try await get("/v2/\(repository)/blobs/\(config)", accept: "*/*")
            if (try JSONSerialization.jsonObject(with: blob.body) as? [String: Any])?["created"] != nil {
                resolved += 1
            }
        }
        return resolved
    }

    private func get(_ path: String, accept: String) async throws -> (body: Data, digest: String?) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "Accept", value: accept)
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard response.status == .ok else { throw BenchError("GET \(path): \(response.status)") }
        return (Data(buffer: body), response.headers.first(name: "docker-content-digest"))
    }
}

/// A benchmark failure, one line.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
