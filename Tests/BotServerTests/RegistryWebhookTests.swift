import BotServer
import Foundation
import Testing

@Suite("Registry notifications")
struct RegistryWebhookTests {
    @Test("a distribution envelope triggers only the repository whose tag was pushed")
    func distributionEnvelope() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        let response = try await server.post(
            "/webhooks/registry",
            headers: [
                "Authorization": "Bearer \(RunningServer.registryToken)",
                "Content-Type": "application/vnd.docker.distribution.events.v1+json",
            ],
            body: Data(Payloads.distributionEnvelope.utf8))
        await worker.waitFor { $0.contains { $0.trigger == .image(repository: "registry.local:5000/team/frontend") } }
        try await Task.sleep(for: .milliseconds(200))
        let images = await worker.runs.filter { $0.trigger.scope != .everything }.map(\.trigger)
        try await server.stop()
        #expect(response.status == 202)
        #expect(images == [.image(repository: "registry.local:5000/team/frontend")])
    }

    @Test("a Docker Hub webhook with ?token= triggers that repository")
    func dockerHub() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        let response = try await server.post(
            "/webhooks/registry?token=\(RunningServer.registryToken)", body: Data(Payloads.dockerHub.utf8))
        let reached = await worker.waitFor {
            $0.contains { $0.trigger == .image(repository: "docker.io/acme/backend") }
        }
        try await server.stop()
        #expect(response.status == 202)
        #expect(reached)
    }

    @Test(
        "a bad or missing token is 401",
        arguments: [["Authorization": "Bearer nope"], ["Authorization": "Basic eDp5"], [:]] as [[String: String]])
    func badToken(headers: [String: String]) async throws {
        let server = try await RunningServer.start(worker: RecordingWorker())
        let response = try await server.post(
            "/webhooks/registry", headers: headers, body: Data(Payloads.dockerHub.utf8))
        try await server.stop()
        #expect(response.status == 401)
        #expect(!response.text.contains(RunningServer.registryToken))
    }

    @Test("a notification in no known shape is 400")
    func unknownShape() async throws {
        let server = try await RunningServer.start(worker: RecordingWorker())
        let response = try await server.post(
            "/webhooks/registry", headers: ["Authorization": "Bearer \(RunningServer.registryToken)"],
            body: Data(#"{"hello": "world"}"#.utf8))
        try await server.stop()
        #expect(response.status == 400)
    }
}
