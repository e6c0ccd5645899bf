import Foundation
import TestSupport

/// One benchmark run: registry storage (cached), fleet repositories, a counting proxy, then a cold
/// plan, the floor, a warm plan (persistent cache) and the warm floor.
struct FleetRun: Sendable {
    let shape: FleetShape
    let work: URL
    let floorConcurrency: Int
    /// Leaves the run folder (fleet, reports) in place for inspection.
    var keep = false
    /// Talks to the registry directly instead of through the counting proxy (cleaner times, no counts).
    var direct = false

    func run() async throws -> FleetResult {
        let files = FileManager.default
        let repositories = (0..<shape.imageRepositories).map {
            ImageRepositoryModel(index: $0, tagCount: shape.tagsPerRepository, seed: shape.seed)
        }
        let apps = ApplicationModel.fleet(shape, repositories: repositories)
        let storage = try await ensureStorage(repositories)
        let scratch = work.appendingPathComponent("run-\(UUID().uuidString.prefix(8))")
        try files.createDirectory(at: scratch.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        defer { if !keep { try? files.removeItem(at: scratch) } else { log("kept \(scratch.path)") } }
        let registry = try await LocalRegistry.start(storage: storage, scratch: scratch)
        defer { registry.stop() }
        if direct {
            return try await measure(
                apps, repositories, endpoint: RegistryEndpointLog(registry: registry), scratch: scratch)
        }
        let proxy = try await FaultProxy.start(upstream: registry.baseURL, faults: [])
        do {
            let result = try await measure(
                apps, repositories, endpoint: RegistryEndpointLog(proxy: proxy), scratch: scratch)
            try await proxy.stop()
            return result
        } catch {
            try? await proxy.stop()
            throw error
        }
    }

    private func measure(
        _ apps: [ApplicationModel], _ repositories: [ImageRepositoryModel], endpoint: RegistryEndpointLog, scratch: URL
    ) async throws -> FleetResult {
        let setupStart = ContinuousClock.now
        let writer = FleetWriter(root: scratch.appendingPathComponent("fleet"), registryHost: endpoint.host)
        try await writer.write(apps, repositories: repositories, gitRepositories: shape.gitRepositories)
        log("fleet written in \(ContinuousClock.now - setupStart)")
        let floor = FloorRunner(baseURL: endpoint.baseURL, concurrency: floorConcurrency)
        // Warms the OS page cache over the registry storage so neither side pays for cold disk.
        _ = try await floor.run(repositories.map { .tags(repository: $0.name) })

        let cacheHome = scratch.appendingPathComponent("cache").path
        var before = await endpoint.requests().count
        let cold = try await plan(writer, cacheHome: cacheHome, scratch: scratch, name: "cold")
        var log = await endpoint.requests()
        let coldTally = RequestTally(log[before...])
        self.log("cold plan: \(cold.wallSeconds) s, \(coldTally.summary)")

        let floorPlan = FloorPlan(apps: apps, repositories: repositories, changes: cold.changes)
        before = log.count
        let coldFloor = try await floor.run(floorPlan.jobs(warm: false))
        log = await endpoint.requests()
        let coldFloorTally = RequestTally(log[before...])
        self.log("cold floor: \(coldFloor.seconds) s, \(coldFloorTally.summary)")

        before = log.count
        let warm = try await plan(writer, cacheHome: cacheHome, scratch: scratch, name: "warm")
        log = await endpoint.requests()
        let warmTally = RequestTally(log[before...])
        self.log("warm plan: \(warm.wallSeconds) s, \(warmTally.summary)")

        before = log.count
        let warmFloor = try await floor.run(floorPlan.jobs(warm: true))
        log = await endpoint.requests()
        let warmFloorTally = RequestTally(log[before...])
        self.log("warm floor: \(warmFloor.seconds) s, \(warmFloorTally.summary)")

        return FleetResult(
            shape: shape, uniqueRepositories: Set(apps.map(\.repository)).count,
            strategies: Dictionary(grouping: apps, by: \.strategy.rawValue).mapValues(\.count),
            changesByStrategy: changesByStrategy(apps, cold.changes),
            cold: .init(report: cold, tally: coldTally), warm: .init(report: warm, tally: warmTally),
            coldFloor: .init(seconds: coldFloor.seconds, tally: coldFloorTally),
            warmFloor: .init(seconds: warmFloor.seconds, tally: warmFloorTally),
            floorConcurrency: floorConcurrency, direct: direct)
    }

    private func changesByStrategy(_ apps: [ApplicationModel], _ changes: [PlanChild.Change]) -> [String: Int] {
        let strategy = Dictionary(uniqueKeysWithValues: apps.map { ($0.name, $0.strategy.rawValue) })
        return Dictionary(grouping: changes.compactMap { strategy[$0.application] }, by: { $0 }).mapValues(\.count)
    }

    private func plan(
        _ writer: FleetWriter, cacheHome: String, scratch: URL, name: String
    ) async throws
        -> PlanChild.Report
    {
        let reportPath = scratch.appendingPathComponent("\(name).json").path
        let tmp = scratch.appendingPathComponent("tmp").path
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmp
        let (status, _) = try await ChildProcess.run(
            [
                "plan-child", "--applications", writer.applicationsFolder.path, "--cache-home", cacheHome,
                "--scratch", tmp, "--report", reportPath,
            ], environment: environment)
        guard status == 0 else { throw BenchError("\(name) plan child exited with status \(status)") }
        return try JSONDecoder().decode(PlanChild.Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
    }

    /// The populated registry storage for this shape, written once and reused.
    private func ensureStorage(_ repositories: [ImageRepositoryModel]) async throws -> URL {
        let storage = work.appendingPathComponent("registry-\(shape.registryKey)")
        let marker = storage.appendingPathComponent(".complete")
        if FileManager.default.fileExists(atPath: marker.path) { return storage }
        try? FileManager.default.removeItem(at: storage)
        let start = ContinuousClock.now
        try await RegistryStorageWriter(root: storage).write(repositories)
        _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
        log("registry storage written in \(ContinuousClock.now - start): \(storage.path)")
        return storage
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("fleet-bench: \(message)\n".utf8))
    }
}
