import AsyncHTTPClient
import Foundation
import ImageRef
import Logging
import OCIRegistry
import TestSupport

/// Lists and resolves 300 tags on a local docker-registry with ``RegistryClient`` and with a plain
/// HTTP loop doing the minimum requests, and records the wall-time ratio in RESULTS.md.
///
/// Usage: `swift run registry-bench [tags] [rounds] [output]` from the package root.
@main
struct RegistryBench {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        let tagCount = arguments.first.flatMap(Int.init) ?? 300
        let rounds = arguments.dropFirst().first.flatMap(Int.init) ?? 5
        let output = arguments.dropFirst(2).first ?? "Benchmarks/RegistryBench/RESULTS.md"
        let registry = try await RegistryServer.start()
        do {
            let report = try await measure(registry: registry, tagCount: tagCount, rounds: rounds)
            try await registry.stop()
            print(report)
            try Data(report.utf8).write(to: URL(fileURLWithPath: output))
            print("written to \(output)")
        } catch {
            try? await registry.stop()
            throw error
        }
    }

    static func measure(registry: RegistryServer, tagCount: Int, rounds: Int) async throws -> String {
        let repository = "bench/app"
        let pusher = ImagePusher(registry: registry)
        let pushStart = ContinuousClock.now
        for index in 0..<tagCount {
            let image = TestImage(
                created: Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 60),
                labels: ["org.opencontainers.image.revision": "rev\(index)"],
                seed: "bench-\(index)"
            )
            try await pusher.push(image, repository: repository, tag: "1.0.\(index)")
        }
        print("pushed \(tagCount) tags in \(ContinuousClock.now - pushStart)")
        let reference = try ImageReference(parsing: "\(registry.host)/\(repository)")
        var baseline: [Duration] = []
        var sequential: [Duration] = []
        var concurrent: [Duration] = []
        var warmCache: [Duration] = []
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("registry-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        for round in 0..<(rounds + 1) {
            let raw = try await timed {
                try await rawLoop(registry: registry, repository: repository, expect: tagCount)
            }
            let ours = try await timed { try await clientRun(reference, expect: tagCount, parallel: false, cache: nil) }
            let parallel = try await timed {
                try await clientRun(reference, expect: tagCount, parallel: true, cache: nil)
            }
            if round == 0 {
                // Warm-up round (connections, caches of the registry process); it fills the disk cache.
                _ = try await clientRun(reference, expect: tagCount, parallel: true, cache: cache)
                continue
            }
            let warm = try await timed {
                try await clientRun(reference, expect: tagCount, parallel: true, cache: cache)
            }
            baseline.append(raw)
            sequential.append(ours)
            concurrent.append(parallel)
            warmCache.append(warm)
            print("round \(round): raw \(raw), client sequential \(ours), client concurrent \(parallel), warm \(warm)")
        }
        return report(
            tagCount: tagCount,
            rounds: rounds,
            baseline: median(baseline),
            sequential: median(sequential),
            concurrent: median(concurrent),
            warm: median(warmCache)
        )
    }

    static func rawLoop(registry: RegistryServer, repository: String, expect: Int) async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let resolved = try await RawRegistryLoop(client: client, baseURL: registry.baseURL, repository: repository)
                .run()
            guard resolved == expect else { throw BenchError("raw loop resolved \(resolved) of \(expect) tags") }
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func clientRun(_ reference: ImageReference, expect: Int, parallel: Bool, cache: URL?) async throws {
        var logger = Logger(label: "registry-bench")
        logger.logLevel = .warning
        let configuration = RegistryClientConfiguration(cacheDirectory: cache, logger: logger)
        let resolved = try await RegistryClient.withClient(configuration: configuration) { client in
            let tags = try await client.listTags(reference)
            if !parallel {
                var count = 0
                for tag in tags where try await client.resolve(reference, tag: tag)?.created != nil { count += 1 }
                return count
            }
            return try await withThrowingTaskGroup(of: Bool.self) { group in
                for tag in tags {
                    group.addTask { try await client.resolve(reference, tag: tag)?.created != nil }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
        }
        guard resolved == expect else { throw BenchError("client resolved \(resolved) of \(expect) tags") }
    }

    static var buildConfiguration: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    static func timed(_ body: () async throws -> Void) async throws -> Duration {
        let start = ContinuousClock.now
        try await body()
        return ContinuousClock.now - start
    }

    static func median(_ values: [Duration]) -> Duration {
        let sorted = values.sorted()
        return sorted.isEmpty ? .zero : sorted[sorted.count / 2]
    }

    static func milliseconds(_ duration: Duration) -> String {
        let parts = duration.components
        return String(format: "%.0f ms", Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15)
    }

    static func ratio(_ value: Duration, _ base: Duration) -> String {
        String(format: "%.2f", value / base)
    }

    static func report(
        tagCount: Int,
        rounds: Int,
        baseline: Duration,
        sequential: Duration,
        concurrent: Duration,
        warm: Duration
    ) -> String {
        """
        # Registry client benchmark

        List and resolve (digest, created, labels) \(tagCount) tags on a local `docker-registry` (anonymous,
        plain HTTP on loopback), median of \(rounds) rounds after one warm-up round, all in one run of
        `swift run registry-bench` (\(buildConfiguration) build). Baseline: a plain AsyncHTTPClient loop doing only the minimum
        requests (1 tag list + \(tagCount) manifests + \(tagCount) config blobs), one after another. Not a timed test:
        numbers depend on the machine; the ratio is what matters.

        | run | wall time | ratio to baseline |
        |---|---|---|
        | plain HTTP loop, minimum requests, sequential | \(milliseconds(baseline)) | 1.00 |
        | RegistryClient, resolves one after another | \(milliseconds(sequential)) | \(ratio(sequential, baseline)) |
        | RegistryClient, resolves concurrently (8 per registry) | \(milliseconds(concurrent)) | \(ratio(concurrent, baseline)) |
        | RegistryClient, concurrent, disk metadata cache warm | \(milliseconds(warm)) | \(ratio(warm, baseline)) |

        Machine: \(ProcessInfo.processInfo.activeProcessorCount) CPUs, \(ProcessInfo.processInfo.operatingSystemVersionString).

        """
    }
}
