import Foundation
import OCIRegistry
import TestSupport
import Testing

@Suite("registry client against a real registry: tags, manifests, platforms, cache", .serialized)
struct RegistryContentTests {
    @Test("pagination: follows Link across pages; more pages than allowed is an error")
    func pagination() async throws {
        try await withRegistry { registry in
            let pusher = ImagePusher(registry: registry)
            let image0 = sampleImage("p")
            for index in 0..<7 { try await pusher.push(image0, repository: "paged", tag: "t\(index)") }
            let proxy = try await PaginatingProxy.start(upstream: registry, pageSize: 3)
            do {
                try await withClient { client, _ throws in
                    let tags = try await client.listTags(try image(proxy.host, "paged"))
                    #expect(Set(tags) == Set((0..<7).map { "t\($0)" }))
                    #expect(tags.count == 7)
                }
                let pages = await proxy.requests().filter { $0.path.hasSuffix("/tags/list") }
                #expect(pages.count == 3)
                try await withClient(limits: testLimits { $0.maximumPages = 2 }) { client, _ throws in
                    await #expect {
                        _ = try await client.listTags(try image(proxy.host, "paged"))
                    } throws: { error in
                        describes(error, ["repository paged", "more than 2 pages"])
                    }
                }
                try await withClient(limits: testLimits { $0.maximumTags = 5 }) { client, _ throws in
                    await #expect {
                        _ = try await client.listTags(try image(proxy.host, "paged"))
                    } throws: { error in
                        describes(error, ["more than 5 tags"])
                    }
                }
            } catch {
                try? await proxy.stop()
                throw error
            }
            try await proxy.stop()
        }
    }

    @Test(
        "multi-arch: index digest is pinned; the platform wished for gives created and labels",
        arguments: [TestImage.Format.oci, .docker]
    )
    func multiArch(format: TestImage.Format) async throws {
        try await withRegistry { registry in
            let amd = sampleImage("amd", created: Date(timeIntervalSince1970: 1_700_000_000), format: format)
            let arm = sampleImage(
                "arm",
                created: Date(timeIntervalSince1970: 1_710_000_000),
                architecture: "arm64",
                variant: "v8",
                format: format
            )
            let indexDigest = try await ImagePusher(registry: registry)
                .pushIndex([arm, amd], repository: "multi", tag: "1.0")
            try await withClient { client, _ throws in
                let reference = try image(registry.host, "multi")
                let plain = try #require(try await client.resolve(reference, tag: "1.0"))
                #expect(plain.digest == indexDigest)
                #expect(plain.isMultiPlatform)
                #expect(plain.platform?.description == "linux/amd64")
                #expect(plain.created == Date(timeIntervalSince1970: 1_700_000_000))
                #expect(Set(plain.platforms.map(\.description)) == ["linux/amd64", "linux/arm64/v8"])
                let armOnly = try #require(
                    try await client.resolve(reference, tag: "1.0", platforms: [try Platform(parsing: "linux/arm64")])
                )
                #expect(armOnly.digest == indexDigest)
                #expect(armOnly.created == Date(timeIntervalSince1970: 1_710_000_000))
                #expect(armOnly.sourceLabel == "https://github.com/example/arm")
                let missing = try await client.resolve(
                    reference,
                    tag: "1.0",
                    platforms: [try Platform(parsing: "linux/s390x")]
                )
                #expect(missing == nil)
                let digestOnly = try #require(try await client.resolve(reference, tag: "1.0", metadata: false))
                #expect(digestOnly.digest == indexDigest)
                #expect(digestOnly.created == nil)
            }
        }
    }

    @Test("a single-arch image for another platform is not a candidate")
    func singleArchPlatform() async throws {
        try await withRegistry { registry in
            try await ImagePusher(registry: registry)
                .push(sampleImage("arm", architecture: "arm64"), repository: "solo", tag: "v1")
            try await withClient { client, _ throws in
                let reference = try image(registry.host, "solo")
                #expect(
                    try await client.resolve(reference, tag: "v1", platforms: [try Platform(parsing: "linux/amd64")])
                        == nil)
                let arm = try await client.resolve(
                    reference, tag: "v1", platforms: [try Platform(parsing: "linux/arm64")])
                #expect(arm?.platform?.description == "linux/arm64")
            }
        }
    }

    @Test("a missing tag, a missing config blob and a malformed manifest are clear errors")
    func brokenContent() async throws {
        try await withRegistry { registry in
            let pusher = ImagePusher(registry: registry)
            let broken = sampleImage("broken")
            try await pusher.push(broken, repository: "app", tag: "noconfig")
            try await pusher.deleteBlob(repository: "app", digest: broken.configDigest)
            try await withClient { client, _ throws in
                let reference = try image(registry.host, "app")
                await #expect {
                    _ = try await client.resolve(reference, tag: "nope")
                } throws: { error in
                    describes(error, ["registry \(registry.host)", "repository app", "GET manifest nope", "404"])
                        && (error as? RegistryError)?.isNotFound == true
                }
                await #expect {
                    _ = try await client.resolve(reference, tag: "noconfig")
                } throws: { error in
                    describes(error, ["GET config blob \(broken.configDigest)", "404"])
                }
                // Without metadata the config is not needed.
                #expect(try await client.resolve(reference, tag: "noconfig", metadata: false) != nil)
            }
            let proxy = try await FaultProxy.start(
                upstream: registry,
                faults: [
                    FaultRule(
                        path: "/manifests/",
                        fault: .respond(
                            status: 200,
                            headers: ["Content-Type": "application/vnd.oci.image.manifest.v1+json"],
                            body: Data("{\"schemaVersion\": 2, \"config\": 17".utf8)
                        ),
                        times: 100
                    )
                ]
            )
            do {
                try await withClient { client, _ throws in
                    await #expect {
                        _ = try await client.resolve(try image(proxy.host, "app"), tag: "noconfig")
                    } throws: { error in
                        describes(error, ["repository app", "malformed"])
                    }
                }
            } catch {
                try? await proxy.stop()
                throw error
            }
            try await proxy.stop()
        }
    }

    @Test("identical requests are made once per run; the disk cache spares blob requests next run")
    func deduplicationAndCache() async throws {
        try await withRegistry { registry in
            try await ImagePusher(registry: registry).push(sampleImage("c"), repository: "cached", tag: "v1")
            let proxy = try await FaultProxy.start(upstream: registry, faults: [])
            let cache = FileManager.default.temporaryDirectory.appendingPathComponent("oci-cache-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: cache) }
            do {
                let reference = try image(proxy.host, "cached")
                try await withClient(cacheDirectory: cache) { client, _ throws in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<5 {
                            group.addTask { _ = try await client.listTags(reference) }
                            group.addTask { _ = try await client.resolve(reference, tag: "v1") }
                        }
                        try await group.waitForAll()
                    }
                }
                var requests = await proxy.requests()
                #expect(requests.filter { $0.path.hasSuffix("/tags/list") }.count == 1)
                #expect(requests.filter { $0.path.contains("/manifests/") }.count == 1)
                #expect(requests.filter { $0.path.contains("/blobs/") }.count == 1)
                try await withClient(cacheDirectory: cache) { client, _ throws in
                    let again = try #require(try await client.resolve(reference, tag: "v1"))
                    #expect(again.sourceLabel == "https://github.com/example/c")
                    #expect(again.created != nil)
                }
                requests = await proxy.requests()
                #expect(requests.filter { $0.path.contains("/blobs/") }.count == 1)
                // A corrupt cache is a miss, never a failure.
                for file in try FileManager.default.contentsOfDirectory(atPath: cache.path) {
                    try Data("{garbage".utf8).write(to: cache.appendingPathComponent(file))
                }
                try await withClient(cacheDirectory: cache) { client, _ throws in
                    #expect(try await client.resolve(reference, tag: "v1")?.created != nil)
                }
                requests = await proxy.requests()
                #expect(requests.filter { $0.path.contains("/blobs/") }.count == 2)
            } catch {
                try? await proxy.stop()
                throw error
            }
            try await proxy.stop()
        }
    }
}
