import BotServer
import Foundation
import Testing

@Suite("GitLab webhooks")
struct GitLabWebhookTests {
    private func send(
        _ server: RunningServer, event: String, body: String, token: String?, key: String? = nil
    ) async throws -> Int {
        var headers = ["X-Gitlab-Event": event]
        if let token { headers["X-Gitlab-Token"] = token }
        if let key { headers["Idempotency-Key"] = key }
        return try await server.post("/webhooks/gitlab", headers: headers, body: Data(body.utf8)).status
    }

    @Test("the right token is accepted; a note on a merge request is a comment trigger")
    func rightToken() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        let status = try await send(
            server, event: "Note Hook", body: Payloads.gitlabNote, token: RunningServer.gitlabToken)
        let reached = await worker.waitFor {
            $0.contains {
                $0.trigger
                    == .comment(repositoryURL: "https://gitlab.example.com/acme/charts", number: 12, commentID: 501)
            }
        }
        try await server.stop()
        #expect(status == 202)
        #expect(reached)
    }

    @Test("a wrong, empty or missing token is 401", arguments: ["wrong", "", nil] as [String?])
    func wrongToken(token: String?) async throws {
        let server = try await RunningServer.start(worker: RecordingWorker())
        let status = try await send(server, event: "Push Hook", body: Payloads.gitlabPush, token: token)
        try await server.stop()
        #expect(status == 401)
    }

    @Test("the idempotency key de-duplicates; unknown events are ignored")
    func idempotencyAndUnknown() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        let token = RunningServer.gitlabToken
        let first = try await send(server, event: "Push Hook", body: Payloads.gitlabPush, token: token, key: "k1")
        let again = try await send(server, event: "Push Hook", body: Payloads.gitlabPush, token: token, key: "k1")
        let unknown = try await send(server, event: "Pipeline Hook", body: "{}", token: token)
        try await Task.sleep(for: .milliseconds(300))
        let targeted = await worker.runs.filter { $0.trigger.scope != .everything }
        try await server.stop()
        #expect(first == 202)
        #expect(again == 200)
        #expect(unknown == 202)
        #expect(targeted.map(\.trigger) == [.repository(url: "https://gitlab.example.com/acme/charts")])
    }
}
