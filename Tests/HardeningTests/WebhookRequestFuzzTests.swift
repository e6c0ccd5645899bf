import Foundation
import Testing

/// Whole requests against a real BotServer: seeded bad, missing and almost-right signatures and tokens, and
/// bodies broken as the decoder fuzz breaks them. A request without the right credential is refused with 401 and a
/// one-line reason and never reaches the worker; a right one gets 2xx or a one-line 400; the server stays up.
@Suite("fuzz: webhook requests")
struct WebhookRequestFuzzTests {
    /// One request to send and whether its credential is the right one.
    struct Delivery {
        var path: String
        var headers: [(String, String)]
        var body: Data
        var authentic: Bool
    }

    /// A credential for `source`, right or subtly wrong.
    static func delivery(
        _ sample: WebhookCorpus.Sample, body: Data, random: inout SeededGenerator
    ) -> Delivery {
        let id = ("X-GitHub-Delivery", "\(random.next())")
        switch sample.source {
        case .github:
            let right = WebhookServer.signature(body)
            let hex = right.dropFirst("sha256=".count)
            let wrong: [String?] = [
                nil, "", "sha256=", WebhookServer.signature(body, secret: WebhookServer.githubSecret + "x"),
                WebhookServer.signature(body + Data(" ".utf8)), "sha1=" + hex.prefix(40), "sha256=" + hex.dropLast(2),
                "sha256=" + hex + "00", "sha256=" + hex.dropLast() + "g", "SHA256=" + hex,
                "sha256=" + String(repeating: "0", count: 64), "sha256=" + String(repeating: "ab", count: 4_000),
                right.replacingOccurrences(of: String(hex.prefix(1)), with: hex.first == "0" ? "1" : "0"),
            ]
            let authentic = random.chance(40)
            let value = authentic ? (random.chance(20) ? "sha256=" + hex.uppercased() : right) : random.element(wrong)
            var headers = [("X-GitHub-Event", sample.event), id]
            if let value { headers.append(("X-Hub-Signature-256", value)) }
            return Delivery(path: "/webhooks/github", headers: headers, body: body, authentic: authentic)
        case .gitlab:
            let token = WebhookServer.gitlabToken
            let wrong: [String?] = [
                nil, "", token.uppercased(), String(token.dropLast()), token + "x", " " + token + "x",
                WebhookServer.registryToken, String(repeating: token, count: 200),
            ]
            let authentic = random.chance(40)
            var headers = [("X-Gitlab-Event", sample.event), ("X-Gitlab-Event-UUID", "\(random.next())")]
            if let value = authentic ? token : random.element(wrong) { headers.append(("X-Gitlab-Token", value)) }
            return Delivery(path: "/webhooks/gitlab", headers: headers, body: body, authentic: authentic)
        case .registry:
            let token = WebhookServer.registryToken
            let authentic = random.chance(40)
            if authentic {
                switch random.below(3) {
                case 0:
                    return Delivery(path: "/webhooks/registry?token=\(token)", headers: [], body: body, authentic: true)
                case 1:
                    return Delivery(
                        path: "/webhooks/registry", headers: [("Authorization", "bearer \(token)")], body: body,
                        authentic: true)
                default:
                    return Delivery(
                        path: "/webhooks/registry", headers: [("Authorization", "Bearer \(token)")], body: body,
                        authentic: true)
                }
            }
            let wrong: [(String, [(String, String)])] = [
                ("/webhooks/registry", []), ("/webhooks/registry?token=", []),
                ("/webhooks/registry?token=\(token)x", []), ("/webhooks/registry?token=\(token.prefix(4))", []),
                ("/webhooks/registry", [("Authorization", "Bearer \(token.dropLast())")]),
                ("/webhooks/registry", [("Authorization", "Basic \(Data("ci:\(token)".utf8).base64EncodedString())")]),
                ("/webhooks/registry", [("Authorization", "Bearer  \(token)")]),
                ("/webhooks/registry", [("Authorization", token)]),
                ("/webhooks/registry?token=\(token)", [("Authorization", "Bearer wrong")]),
                ("/webhooks/registry", [("Authorization", "Bearer \(WebhookServer.gitlabToken)")]),
            ]
            let (path, headers) = random.element(wrong)
            return Delivery(path: path, headers: headers, body: body, authentic: false)
        }
    }

    /// The reply's `reason`, checked to be one short line that gives no credential away.
    static func checkReason(_ text: String, status: Int, source: String) {
        let reply = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let reason = reply?["reason"] as? String ?? ""
        #expect(reply?["status"] as? String == "error", "\(status): \(text.prefix(300))")
        #expect(reason.hasPrefix("\(source) webhook: "), "\(reason)")
        #expect(HostilePieces.isOneSafeLine(reason) && reason.utf8.count <= 400, "\(reason.debugDescription)")
        for secret in [WebhookServer.githubSecret, WebhookServer.gitlabToken, WebhookServer.registryToken] {
            #expect(!text.contains(secret), "a credential in a reply")
        }
    }

    @Test("bad, missing and almost-right credentials with intact and broken bodies")
    func credentialsAndBodies() async throws {
        let server = try await WebhookServer.start()
        var random = SeededGenerator(seed: 0xA07_4E17)
        var mutator = JSONMutator(random: SeededGenerator(seed: 0xB0D1))
        var deliveries: [Delivery] = []
        for round in 0..<3_000 {
            let sample = WebhookCorpus.samples[round % WebhookCorpus.samples.count]
            var text = sample.body
            if round % 3 == 0, let tree = JSONNode(parsing: text) { text = mutator.mutate(tree).text }
            if random.chance(5) { text = String(repeating: "[", count: 100_000) }
            var delivery = Self.delivery(sample, body: Data(text.utf8), random: &random)
            if !delivery.authentic {
                // A forged delivery names a repository of its own: it must never reach the worker.
                delivery.body = Data(text.replacingOccurrences(of: "acme", with: "forged").utf8)
                // Or carries the signature of the body it was made from.
                if sample.source == .github, delivery.body != Data(text.utf8), random.chance(50),
                    let index = delivery.headers.firstIndex(where: { $0.0.hasPrefix("X-Hub") })
                {
                    delivery.headers[index].1 = WebhookServer.signature(Data(text.utf8))
                }
            }
            deliveries.append(delivery)
        }
        var counts: [Int: Int] = [:]
        for batch in stride(from: 0, to: deliveries.count, by: 16) {
            let replies = try await withThrowingTaskGroup(of: (Int, Int, String).self) { group in
                for index in batch..<min(batch + 16, deliveries.count) {
                    let delivery = deliveries[index]
                    group.addTask {
                        let reply = try await server.send(
                            .POST, delivery.path, headers: delivery.headers, body: delivery.body)
                        return (index, reply.status, reply.text)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (index, status, text) in replies {
                let delivery = deliveries[index]
                let source = String(delivery.path.dropFirst("/webhooks/".count).prefix { $0 != "?" })
                counts[status, default: 0] += 1
                if delivery.authentic {
                    #expect([200, 202, 400].contains(status), "\(delivery.path) \(status): \(text.prefix(200))")
                    if status == 400 { Self.checkReason(text, status: status, source: source) }
                } else {
                    #expect(
                        status == 401, "\(delivery.path) \(delivery.headers.map(\.0)) \(status): \(text.prefix(200))")
                    Self.checkReason(text, status: status, source: source)
                }
            }
        }
        let health = try await server.send(.GET, "/healthz")
        let triggers = await server.worker.triggers
        try await server.stop()
        #expect(health.status == 200)
        #expect(!triggers.isEmpty, "authentic deliveries reach the worker")
        #expect(!triggers.contains { "\($0)".contains("forged") }, "a forged delivery reached the worker")
        FuzzTally.report("webhook HTTP requests (\(counts.sorted { $0.key < $1.key }))", tried: deliveries.count)
        #expect((counts[401] ?? 0) > 1_000 && (counts[202] ?? 0) > 300 && (counts[400] ?? 0) > 100, "\(counts)")
    }
}
