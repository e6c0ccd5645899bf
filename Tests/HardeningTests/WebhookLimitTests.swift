import Crypto
import Foundation
import Testing

@testable import BotServer

/// The default request size limit on every webhook endpoint, and credential checks that compare in constant time.
@Suite("webhook limits and credential comparison")
struct WebhookLimitTests {
    static let limit = BotServerConfiguration().bodyLimit

    /// A valid body of exactly `size` bytes: the sample padded with spaces, which JSON ignores.
    static func padded(_ sample: WebhookCorpus.Sample, to size: Int) -> Data {
        Data(sample.body.utf8) + Data(repeating: UInt8(ascii: " "), count: size - sample.body.utf8.count)
    }

    static func headers(_ sample: WebhookCorpus.Sample, body: Data) -> (String, [(String, String)]) {
        switch sample.source {
        case .github:
            return (
                "/webhooks/github",
                [
                    ("X-GitHub-Event", sample.event), ("X-GitHub-Delivery", UUID().uuidString),
                    ("X-Hub-Signature-256", WebhookServer.signature(body)),
                ]
            )
        case .gitlab:
            return (
                "/webhooks/gitlab", [("X-Gitlab-Event", sample.event), ("X-Gitlab-Token", WebhookServer.gitlabToken)]
            )
        case .registry:
            return ("/webhooks/registry", [("Authorization", "Bearer \(WebhookServer.registryToken)")])
        }
    }

    @Test("the default 1 MiB limit: a body of exactly the limit is read, one byte more is 413, chunked or not")
    func defaultBodyLimit() async throws {
        #expect(Self.limit == 1 << 20)
        let server = try await WebhookServer.start()
        // Push, push hook and Docker Hub: one of each endpoint.
        for sample in [WebhookCorpus.samples[4], WebhookCorpus.samples[10], WebhookCorpus.samples[12]] {
            for chunked in [false, true] {
                let fits = Self.padded(sample, to: Self.limit)
                let (path, headers) = Self.headers(sample, body: fits)
                let accepted = try await server.send(.POST, path, headers: headers, body: fits, chunked: chunked)
                #expect(accepted.status == 202, "\(path) chunked \(chunked): \(accepted.text)")

                let over = Self.padded(sample, to: Self.limit + 1)
                let (_, overHeaders) = Self.headers(sample, body: over)
                let refused = try await server.send(.POST, path, headers: overHeaders, body: over, chunked: chunked)
                #expect(refused.status == 413, "\(path) chunked \(chunked): \(refused.status)")
                #expect(
                    refused.text.contains("\(sample.source) webhook: body larger than \(Self.limit) bytes"),
                    "\(refused.text)")
            }
        }
        let health = try await server.send(.GET, "/healthz")
        try await server.stop()
        #expect(health.status == 200)
    }

    @Test("token comparison: accepts exactly the secret, whatever the length or where a candidate differs")
    func tokenComparison() throws {
        let secret = try #require(WebhookSecret("s3cret-token-value"))
        let text = "s3cret-token-value"
        var random = SeededGenerator(seed: 0xC0DE)
        var tried = 0
        for position in 0...text.count {
            for candidate in [
                String(text.prefix(position)), String(text.prefix(position)) + "x" + text.dropFirst(position),
                String(text.prefix(position)) + String(text.dropFirst(position + 1)),
            ] {
                tried += 1
                #expect(secret.matches(candidate) == (candidate == text), "\(candidate.debugDescription)")
            }
        }
        for _ in 0..<20_000 {
            let candidate = random.mutate(text, alphabet: HostilePieces.characters)
            tried += 1
            #expect(secret.matches(candidate) == (candidate == text))
        }
        #expect(secret.matches(text))
        FuzzTally.report("WebhookSecret.matches", tried: tried)
    }

    @Test("HMAC check: only the right signature of the exact body passes; every single-bit change fails")
    func hmacComparison() throws {
        let secret = try #require(WebhookSecret(WebhookServer.githubSecret))
        let body = Data(WebhookCorpus.samples[1].body.utf8)
        let key = SymmetricKey(data: Data(WebhookServer.githubSecret.utf8))
        let right = Array(HMAC<SHA256>.authenticationCode(for: body, using: key))
        #expect(secret.isValidHMAC(right, for: body))
        for bit in 0..<(right.count * 8) {
            var flipped = right
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!secret.isValidHMAC(flipped, for: body), "bit \(bit)")
        }
        #expect(!secret.isValidHMAC(Array(right.dropLast()), for: body))
        #expect(!secret.isValidHMAC(right, for: body + Data(" ".utf8)))
    }

    /// Constant time cannot be measured reliably on a shared machine, so the code path is checked instead: every
    /// credential is compared by `WebhookSecret` (HMAC through swift-crypto's constant-time check, tokens by a
    /// XOR over fixed-length digests), and no `==` ever compares a credential.
    @Test("every credential comparison goes through the constant-time path")
    func constantTimeCodePath() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/BotServer")
        let authenticator = try String(
            contentsOf: sources.appendingPathComponent("RequestAuthenticator.swift"), encoding: .utf8)
        let secret = try String(contentsOf: sources.appendingPathComponent("WebhookSecret.swift"), encoding: .utf8)
        #expect(authenticator.contains("secret.isValidHMAC(signature, for: body)"))
        #expect(authenticator.components(separatedBy: "secret.matches(").count - 1 == 2)
        for line in authenticator.split(separator: "\n") where line.contains("==") {
            // Only lengths and the scheme name may be compared directly.
            #expect(
                line.contains(".count ==") || line.contains("count % 2 ==")
                    || line.contains("lowercased() == \"bearer\""),
                "a direct comparison in RequestAuthenticator: \(line)")
        }
        #expect(secret.contains("HMAC<SHA256>.isValidAuthenticationCode("))
        #expect(secret.contains("difference |= left ^ right"))
        #expect(secret.contains("SHA256.hash(data: Array(candidate.utf8))"))
        let comparisons = secret.split(separator: "\n").filter { $0.contains("==") && !$0.contains("///") }
        #expect(comparisons.map { $0.trimmingCharacters(in: .whitespaces) } == ["return difference == 0"])
    }
}
