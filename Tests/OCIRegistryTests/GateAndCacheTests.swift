import Foundation
import Testing

@testable import OCIRegistry

/// Counts bodies running at once.
private actor Occupancy {
    private(set) var current = 0
    private(set) var peak = 0
    private(set) var order: [Int] = []

    func enter(_ index: Int) {
        current += 1
        peak = max(peak, current)
        order.append(index)
    }

    func leave() { current -= 1 }
}

@Suite("request gate and metadata cache")
struct GateAndCacheTests {
    @Test("the gate admits at most its limit, serves waiters in arrival order and survives cancellations")
    func gate() async throws {
        let gate = RequestGate(maximumConcurrent: 3, requestsPerSecond: nil)
        let occupancy = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await gate.run {
                        await occupancy.enter(index)
                        try await Task.sleep(for: .microseconds(200))
                        await occupancy.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await occupancy.peak == 3)
        #expect(await occupancy.order.count == 200)

        // Cancelled waiters leave the queue; the slots still pass on to everyone else.
        let single = RequestGate(maximumConcurrent: 1, requestsPerSecond: nil)
        let blocker = Task { try await single.run { try await Task.sleep(for: .seconds(30)) } }
        try await Task.sleep(for: .milliseconds(20))
        let waiters = (0..<20).map { _ in Task { try await single.run { 1 } } }
        try await Task.sleep(for: .milliseconds(50))
        for (index, waiter) in waiters.enumerated() where index % 2 == 0 { waiter.cancel() }
        blocker.cancel()
        var admitted = 0
        for waiter in waiters { if (try? await waiter.value) != nil { admitted += 1 } }
        #expect(admitted == 10)
        #expect(try await single.run { 7 } == 7)
    }

    @Test("cache entries round-trip, leave no temporary files and survive the directory being removed")
    func cacheStore() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oci-meta-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = MetadataCache(directory: directory)
        let entry = MetadataCache.Entry(
            platforms: ["linux/amd64"], platform: "linux/amd64", created: 1_714_557_600.5,
            labels: ["org.opencontainers.image.revision": "abc"], isCandidate: true)
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        #expect(cache.load(digest: digest, platformsKey: "") == nil)
        cache.store(entry, digest: digest, platformsKey: "")
        #expect(cache.load(digest: digest, platformsKey: "") == entry)
        #expect(cache.load(digest: digest, platformsKey: "linux/arm64") == nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names.count == 1)
        #expect(names.allSatisfy { $0.hasSuffix(".json") && !$0.hasPrefix(".") && $0.count == 64 + 5 })

        try FileManager.default.removeItem(at: directory)
        cache.store(entry, digest: digest, platformsKey: "linux/amd64")
        #expect(cache.load(digest: digest, platformsKey: "linux/amd64") == entry)
    }

    @Test("hex digests match the known SHA-256 of a fixed input")
    func hex() {
        #expect(
            Digests.sha256(Array("abc".utf8))
                == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digests.hex([UInt8]([0x00, 0x0f, 0xf0, 0xff])) == "000ff0ff")
    }
}
