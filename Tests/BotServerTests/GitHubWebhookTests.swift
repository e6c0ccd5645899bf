import AsyncHTTPClient
import BotServer
import Foundation
import NIOCore
import Testing

@Suite("GitHub webhooks")
struct GitHubWebhookTests {
    @Test("a signed PR comment is accepted with 202 and reaches the worker")
    func signedCommentTriggersWorker() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        let response = try await server.github("issue_comment", Payloads.prComment)
        let reached = await worker.waitFor {
            $0.contains {
                $0.trigger == .comment(repositoryURL: "https://github.com/acme/charts", number: 7, commentID: 99)
            }
        }
        try await server.stop()
        #expect(response.status == 202)
        #expect(response.text.contains(#""status":"queued""#))
        #expect(reached)
    }

    @Test("a wrong or missing signature is 401 and queues nothing")
    func badSignature() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        let body = Data(Payloads.prComment.utf8)
        let wrong = try await server.post(
            "/webhooks/github",
            headers: [
                "X-GitHub-Event": "issue_comment", "X-GitHub-Delivery": "d-1",
                "X-Hub-Signature-256": RunningServer.githubSignature(body, secret: "not-the-secret"),
            ],
            body: body)
        let missing = try await server.post(
            "/webhooks/github", headers: ["X-GitHub-Event": "issue_comment", "X-GitHub-Delivery": "d-2"], body: body)
        let garbage = try await server.post(
            "/webhooks/github",
            headers: ["X-GitHub-Event": "issue_comment", "X-Hub-Signature-256": "sha256=zz"], body: body)
        try await Task.sleep(for: .milliseconds(200))
        let runs = await worker.runs
        try await server.stop()
        #expect(wrong.status == 401)
        #expect(missing.status == 401)
        #expect(garbage.status == 401)
        #expect(!wrong.text.contains(RunningServer.githubSecret))
        #expect(!runs.contains { if case .comment = $0.trigger { true } else { false } })
    }

    @Test("a replayed delivery id is answered but queues nothing the second time")
    func replayIgnored() async throws {
        let worker = RecordingWorker(delay: .milliseconds(50))
        let server = try await RunningServer.start(worker: worker)
        let first = try await server.github("push", Payloads.push(ref: "refs/heads/main"), delivery: "same-id")
        await worker.waitFor { $0.contains { $0.trigger == .repository(url: "https://github.com/acme/charts") } }
        let replay = try await server.github("push", Payloads.push(ref: "refs/heads/main"), delivery: "same-id")
        try await Task.sleep(for: .milliseconds(300))
        let repositoryRuns = await worker.runs.filter { $0.trigger.scope != .everything }
        try await server.stop()
        #expect(first.status == 202)
        #expect(replay.status == 200)
        #expect(replay.text.contains("duplicate"))
        #expect(repositoryRuns.count == 1)
    }

    @Test("a body over the limit is 413")
    func oversizedBody() async throws {
        let server = try await RunningServer.start(worker: RecordingWorker()) { $0.bodyLimit = 1024 }
        let big = Data(repeating: UInt8(ascii: "a"), count: 4096)
        let response = try await server.post(
            "/webhooks/github",
            headers: ["X-GitHub-Event": "push", "X-Hub-Signature-256": RunningServer.githubSignature(big)],
            body: big)
        try await server.stop()
        #expect(response.status == 413)
    }

    @Test("a chunked body without Content-Length is cut off at the limit with 413")
    func oversizedChunkedBody() async throws {
        let server = try await RunningServer.start(worker: RecordingWorker()) { $0.bodyLimit = 1024 }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var request = HTTPClientRequest(url: server.baseURL + "/webhooks/github")
        request.method = .POST
        request.headers.add(name: "X-GitHub-Event", value: "push")
        let chunks = AsyncStream<ByteBuffer> { continuation in
            for _ in 0..<8 { continuation.yield(ByteBuffer(repeating: UInt8(ascii: "a"), count: 512)) }
            continuation.finish()
        }
        request.body = .stream(chunks, length: .unknown)
        let status = try? await client.execute(request, timeout: .seconds(10)).status.code
        try await client.shutdown()
        try await server.stop()
        #expect(status == 413)
    }

    @Test("malformed JSON is 400 with a reason", arguments: ["{not json", "[1, 2]", #"{"ref": "refs/heads/main"}"#])
    func malformed(body: String) async throws {
        let server = try await RunningServer.start(worker: RecordingWorker())
        let response = try await server.github("push", body)
        try await server.stop()
        #expect(response.status == 400)
        #expect(response.text.contains("github webhook:"))
    }

    @Test(
        "events that need no work are 202 ignored",
        arguments: [
            ("star", #"{"action": "created"}"#),
            ("issue_comment", Payloads.issueComment),
            ("push", Payloads.push(ref: "refs/heads/argocd-image-pr/frontend")),
            ("push", Payloads.push(ref: "refs/tags/v1")),
        ])
    func ignored(event: String, body: String) async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        let response = try await server.github(event, body)
        try await Task.sleep(for: .milliseconds(200))
        let targeted = await worker.runs.filter { $0.trigger.scope != .everything }
        try await server.stop()
        #expect(response.status == 202)
        #expect(response.text.contains(#""status":"ignored""#))
        #expect(targeted.isEmpty)
    }

    @Test("ping is 200; closed PR and push are repository triggers; package published is an image trigger")
    func eventMapping() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        let ping = try await server.github("ping", #"{"zen": "Keep it logically awesome."}"#)
        let closed = try await server.github("pull_request", Payloads.pullRequestClosed)
        let package = try await server.github("registry_package", Payloads.packagePublished)
        let sawAll = await worker.waitFor {
            $0.contains { $0.trigger == .repository(url: "https://github.com/acme/charts") }
                && $0.contains { $0.trigger == .image(repository: "ghcr.io/acme/frontend") }
        }
        try await server.stop()
        #expect(ping.status == 200)
        #expect(closed.status == 202)
        #expect(package.status == 202)
        #expect(sawAll)
    }

    @Test("an endpoint whose secret is not configured answers 503 naming the variable")
    func notConfigured() async throws {
        let server = try await RunningServer.start(worker: RecordingWorker()) { $0.githubWebhookSecret = nil }
        let response = try await server.github("ping", "{}")
        try await server.stop()
        #expect(response.status == 503)
        #expect(response.text.contains("GITHUB_WEBHOOK_SECRET"))
    }
}
