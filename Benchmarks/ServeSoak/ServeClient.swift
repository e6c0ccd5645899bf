import AsyncHTTPClient
import Foundation

/// The soak's view of the service over HTTP: health, triggers and the run counter in `/metrics`.
struct ServeClient {
    let client: HTTPClient
    let baseURL: String
    let token: String

    /// True once `/healthz` answers 200.
    func healthy() async -> Bool {
        (try? await get("/healthz").status) == 200
    }

    /// `POST /trigger?repo=<url>` with the registry webhook token; the service answers 202 queued.
    func trigger(repo: String) async throws {
        let query = repo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? repo
        var request = HTTPClientRequest(url: "\(baseURL)/trigger?repo=\(query)")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 10)
        guard response.status.code == 202 else {
            throw SoakError("/trigger answered \(response.status.code): \(String(buffer: body).prefix(200))")
        }
    }

    /// Finished reconciles by result (`argocd_image_pr_runs_total{result=…}`).
    func runs() async throws -> [String: Int] {
        let (status, text) = try await get("/metrics")
        guard status == 200 else { throw SoakError("/metrics answered \(status)") }
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("argocd_image_pr_runs_total{") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2, let value = Double(parts[parts.count - 1]) else { continue }
            let label = parts[0].split(separator: "\"").dropFirst().first.map(String.init) ?? "?"
            counts[label, default: 0] += Int(value)
        }
        return counts
    }

    private func get(_ path: String) async throws -> (status: UInt, text: String) {
        let response = try await client.execute(HTTPClientRequest(url: baseURL + path), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 4 << 20)
        return (response.status.code, String(buffer: body))
    }
}
