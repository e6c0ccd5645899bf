import AsyncHTTPClient
import Foundation
import NIOCore

/// The physical floor: the minimal registry requests a whole-fleet plan needs, issued by a plain
/// concurrent HTTP loop with no auth, retries, caching or parsing beyond the config digest.
struct FloorRunner: Sendable {
    /// One unit of work: a tag list, a manifest, or a manifest then its config (a build's date).
    enum Job: Sendable, Hashable {
        case tags(repository: String)
        case manifest(repository: String, tag: String, head: Bool)
        case manifestAndConfig(repository: String, tag: String)
    }

    static let accept = [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ].joined(separator: ", ")

    let baseURL: String
    let concurrency: Int

    /// Runs every job, at most `concurrency` requests in flight; returns the wall time and request count.
    func run(_ jobs: [Job]) async throws -> (seconds: Double, requests: Int) {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let start = ContinuousClock.now
            let requests = try await withThrowingTaskGroup(of: Int.self) { group in
                var total = 0
                for (index, job) in jobs.enumerated() {
                    if index >= concurrency, let done = try await group.next() { total += done }
                    group.addTask { try await perform(job, client: client) }
                }
                for try await done in group { total += done }
                return total
            }
            let elapsed = ContinuousClock.now - start
            try await client.shutdown()
            return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, requests)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func perform(_ job: Job, client: HTTPClient) async throws -> Int {
        switch job {
        case .tags(let repository):
            _ = try await get("/v2/\(repository)/tags/list", client: client)
            return 1
        case .manifest(let repository, let tag, let head):
            _ = try await get("/v2/\(repository)/manifests/\(tag)", head: head, client: client)
            return 1
        case .manifestAndConfig(let repository, let tag):
            let manifest = try await get("/v2/\(repository)/manifests/\(tag)", client: client)
            guard
                let object = try JSONSerialization.jsonObject(with: Data(buffer: manifest)) as? [String: Any],
                let config = object["config"] as? [String: Any], let digest = config["digest"] as? String
            else { throw BenchError("floor: manifest of \(repository):\(tag) has no config digest") }
            _ = try await get("/v2/\(repository)/blobs/\(digest)", client: client)
            return 2
        }
    }

    private func get(_ path: String, head: Bool = false, client: HTTPClient) async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = head ? .HEAD : .GET
        request.headers.add(name: "Accept", value: Self.accept)
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard response.status.code == 200 else { throw BenchError("floor: \(path) answered \(response.status.code)") }
        return body
    }
}
