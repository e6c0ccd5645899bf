import Foundation
import OCIRegistry
import TestSupport
import Testing

@Suite("a warm metadata cache: HEAD names the digest, the cache gives the facts", .serialized)
struct WarmCacheTests {
    @Test("cold run GETs only; warm run HEADs known tags and GETs only new ones; same answers")
    func warmRun() async throws {
        try await withRegistry { registry in
            let pusher = ImagePusher(registry: registry)
            try await pusher.push(sampleImage("w1"), repository: "warm", tag: "v1")
            try await pusher.push(sampleImage("w2", architecture: "arm64"), repository: "warm", tag: "arm")
            let proxy = try await FaultProxy.start(upstream: registry, faults: [])
            let cache = FileManager.default.temporaryDirectory.appendingPathComponent("oci-warm-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: cache) }
            do {
                let reference = try image(proxy.host, "warm")
                var cold: ResolvedImage?
                try await withClient(cacheDirectory: cache) { client, _ throws in
                    cold = try await client.resolve(reference, tag: "v1")
                    #expect(
                        try await client.resolve(
                            reference, tag: "arm", platforms: [.init(os: "linux", architecture: "amd64")]) == nil)
                }
                let requests = await proxy.requests()
                #expect(requests.filter { $0.method == "HEAD" }.isEmpty)
                #expect(requests.filter { $0.path.contains("/manifests/") }.count == 2)

                try await pusher.push(sampleImage("w3"), repository: "warm", tag: "v2")
                let before = requests.count
                try await withClient(cacheDirectory: cache) { client, _ throws in
                    // A digest-only resolve GETs the manifest; the metadata resolve after it needs no HEAD.
                    #expect(try await client.resolve(reference, tag: "v1", metadata: false)?.digest == cold?.digest)
                    let warm = try #require(try await client.resolve(reference, tag: "v1"))
                    #expect(warm == cold)
                    #expect(try await client.resolve(reference, tag: "v1") == cold)
                    // Not a candidate stays not a candidate, from the cache.
                    #expect(
                        try await client.resolve(
                            reference, tag: "arm", platforms: [.init(os: "linux", architecture: "amd64")]) == nil)
                    let new = try #require(try await client.resolve(reference, tag: "v2"))
                    #expect(new.sourceLabel == "https://github.com/example/w3")
                }
                let warmRequests = await proxy.requests().dropFirst(before).map { "\($0.method) \($0.path)" }
                #expect(
                    warmRequests.filter { !$0.contains("/blobs/") }.sorted() == [
                        "GET /v2/warm/manifests/v1", "GET /v2/warm/manifests/v2", "HEAD /v2/warm/manifests/arm",
                        "HEAD /v2/warm/manifests/v2",
                    ])
                #expect(warmRequests.filter { $0.contains("/blobs/") }.count == 1)
            } catch {
                try? await proxy.stop()
                throw error
            }
            try await proxy.stop()
        }
    }

    @Test("a HEAD without Docker-Content-Digest falls back to GET")
    func headWithoutDigest() async throws {
        try await withRegistry { registry in
            try await ImagePusher(registry: registry).push(sampleImage("h"), repository: "plain", tag: "v1")
            let cache = FileManager.default.temporaryDirectory.appendingPathComponent("oci-head-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: cache) }
            var first: ResolvedImage?
            try await withClient(cacheDirectory: cache) { client, _ throws in
                first = try await client.resolve(try image(registry.host, "plain"), tag: "v1")
            }
            let proxy = try await FaultProxy.start(
                upstream: registry,
                faults: [
                    FaultRule(
                        path: "/manifests/", method: "HEAD",
                        fault: .respond(status: 200, headers: ["Content-Type": "application/json"], body: Data()),
                        times: 10)
                ]
            )
            do {
                try await withClient(cacheDirectory: cache) { client, _ throws in
                    let again = try #require(try await client.resolve(try image(proxy.host, "plain"), tag: "v1"))
                    let expected = try #require(first)
                    #expect(again.digest == expected.digest && again.mediaType == expected.mediaType)
                    #expect(again.created == expected.created && again.labels == expected.labels)
                }
                let requests = await proxy.requests()
                #expect(requests.map(\.method) == ["HEAD", "GET"])
            } catch {
                try? await proxy.stop()
                throw error
            }
            try await proxy.stop()
        }
    }

    @Test("an answer not remembered is rebuilt from the run's requests, never asked again")
    func unrememberedAnswers() async throws {
        try await withRegistry { registry in
            try await ImagePusher(registry: registry).push(sampleImage("u"), repository: "once", tag: "v1")
            let proxy = try await FaultProxy.start(upstream: registry, faults: [])
            let cache = FileManager.default.temporaryDirectory.appendingPathComponent("oci-once-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: cache) }
            do {
                try await withClient(cacheDirectory: cache) { client, _ throws in
                    let reference = try image(proxy.host, "once")
                    let first = try #require(try await client.resolve(reference, tag: "v1", remember: false))
                    #expect(first.sourceLabel == "https://github.com/example/u")
                    #expect(try await client.resolve(reference, tag: "v1", remember: false) == first)
                    #expect(try await client.resolve(reference, tag: "v1") == first)
                    #expect(try await client.resolve(reference, tag: "v1", remember: false) == first)
                }
                let requests = await proxy.requests().map { "\($0.method) \($0.path)" }
                #expect(requests.filter { $0.contains("/manifests/") } == ["GET /v2/once/manifests/v1"])
                #expect(requests.filter { $0.contains("/blobs/") }.count == 1)
            } catch {
                try? await proxy.stop()
                throw error
            }
            try await proxy.stop()
        }
    }
}
