import Foundation
import ImageRef
import OCIRegistry
import TestSupport
import Testing

/// The registry limits DESIGN.md names, hit with their default values (OCIRegistryTests hit the same
/// code paths with lowered limits; these prove the defaults themselves).
@Suite("registry limits at their default values", .serialized)
struct RegistryDefaultLimitTests {
    /// A registry holding `app:v1` behind a proxy answering `faults`; all stopped afterwards.
    private func withProxy(_ faults: [FaultRule], _ body: (FaultProxy) async throws -> Void) async throws {
        try await withRegistry { registry in
            _ = try await ImagePusher(registry: registry).push(
                TestImage(created: Date(timeIntervalSince1970: 1_714_557_600), labels: [:], seed: "limits"),
                repository: "app", tag: "v1")
            let proxy = try await FaultProxy.start(upstream: registry, faults: faults)
            do {
                try await body(proxy)
            } catch {
                try? await proxy.stop()
                throw error
            }
            try await proxy.stop()
        }
    }

    private func withDefaultClient(_ body: (RegistryClient) async throws -> Void) async throws {
        var limits = RegistryLimits()
        // Only the backoff is shortened, so retried failures stay fast; every limit keeps its default.
        limits.retryBaseDelay = .milliseconds(10)
        let configuration = RegistryClientConfiguration(limits: limits, environment: [:])
        try await RegistryClient.withClient(configuration: configuration) { client in try await body(client) }
    }

    private func expectError(_ fragments: [String], _ call: () async throws -> Void) async {
        do {
            try await call()
            Issue.record("expected an error containing \(fragments)")
        } catch {
            let text = String(describing: error)
            #expect(!text.contains("\n"), "\(text)")
            for fragment in fragments { #expect(text.contains(fragment), "\(text)") }
        }
    }

    @Test("the defaults are the documented ones")
    func defaults() {
        let limits = RegistryLimits()
        #expect(limits.requestTimeout == .seconds(30))
        #expect(limits.retries == 3)
        #expect(limits.maximumRetryAfter == .seconds(60))
        #expect(limits.maximumPages == 100)
        #expect(limits.maximumTags == 100_000)
        #expect(limits.maximumManifestBytes == 4 << 20)
        #expect(limits.maximumTagListBytes == 16 << 20)
        #expect(limits.maximumRedirects == 5)
    }

    @Test("a manifest one byte over 4 MiB is refused")
    func manifestBody() async throws {
        let body = Data(repeating: UInt8(ascii: " "), count: (4 << 20) + 1)
        let rule = FaultRule(
            path: "/manifests/v1",
            fault: .respond(
                status: 200, headers: ["Content-Type": "application/vnd.oci.image.manifest.v1+json"], body: body),
            times: 100)
        try await withProxy([rule]) { proxy in
            try await withDefaultClient { client in
                await expectError(["larger than 4194304 bytes"]) {
                    _ = try await client.resolve(try ImageReference(parsing: "\(proxy.host)/app"), tag: "v1")
                }
            }
        }
    }

    @Test("a tag list one byte over 16 MiB is refused")
    func tagListBody() async throws {
        let body = Data(repeating: UInt8(ascii: " "), count: (16 << 20) + 1)
        let rule = FaultRule(
            path: "/tags/list", fault: .respond(status: 200, headers: ["Content-Type": "application/json"], body: body),
            times: 100)
        try await withProxy([rule]) { proxy in
            try await withDefaultClient { client in
                await expectError(["larger than 16777216 bytes"]) {
                    _ = try await client.listTags(try ImageReference(parsing: "\(proxy.host)/app"))
                }
            }
        }
    }

    @Test("100,001 tags in one page are refused; a page that links to itself ends after 100 pages")
    func tagsAndPages() async throws {
        let tags = (0...100_000).map { "\"t\($0)\"" }.joined(separator: ",")
        let many = FaultRule(
            path: "/tags/list",
            fault: .respond(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Data(#"{"name":"app","tags":[\#(tags)]}"#.utf8)),
            times: 100)
        try await withProxy([many]) { proxy in
            try await withDefaultClient { client in
                await expectError(["more than 100000 tags"]) {
                    _ = try await client.listTags(try ImageReference(parsing: "\(proxy.host)/app"))
                }
            }
        }
        let loop = FaultRule(
            path: "/tags/list",
            fault: .respond(
                status: 200,
                headers: ["Content-Type": "application/json", "Link": #"</v2/app/tags/list?n=1&last=x>; rel="next""#],
                body: Data(#"{"name":"app","tags":["v1"]}"#.utf8)),
            times: 1_000)
        try await withProxy([loop]) { proxy in
            try await withDefaultClient { client in
                await expectError(["more than 100 pages"]) {
                    _ = try await client.listTags(try ImageReference(parsing: "\(proxy.host)/app"))
                }
            }
            let pages = await proxy.requests().filter { $0.path.contains("/tags/list") }.count
            #expect(pages <= 101, "\(pages) pages requested")
        }
    }

    @Test("Retry-After as an HTTP date two hours away is an error at once")
    func retryAfterDate() async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let later = formatter.string(from: Date().addingTimeInterval(7_200))
        let rule = FaultRule(path: "/tags/list", fault: .status(429, retryAfter: later, times: 10))
        try await withProxy([rule]) { proxy in
            let start = ContinuousClock.now
            try await withDefaultClient { client in
                await expectError(["Retry-After", "60 s"]) {
                    _ = try await client.listTags(try ImageReference(parsing: "\(proxy.host)/app"))
                }
            }
            #expect(ContinuousClock.now - start < .seconds(5))
        }
    }
}
