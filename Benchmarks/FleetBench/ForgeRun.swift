import Engine
import Foundation
import Logging

/// `fleet-bench forge`: the fleet's chart repositories on a fake forge, images on a local registry, and three
/// whole `run`s through the Engine's `Reconciler`: a fresh fleet, nothing changed, newer builds for a few
/// image repositories. The forge's request log gives the API and git work of each.
struct ForgeRun: Sendable {
    let shape: FleetShape
    let work: URL
    let forgeKind: BenchForge.Kind
    /// Image repositories (with a newest-build follower) that get a newer build before the third run.
    let bump: Int
    var keep = false

    func run() async throws -> ForgeResult {
        let files = FileManager.default
        let repositories = (0..<shape.imageRepositories).map {
            ImageRepositoryModel(index: $0, tagCount: shape.tagsPerRepository, seed: shape.seed)
        }
        let apps = ApplicationModel.fleet(shape, repositories: repositories)
        let storage = try ForgeRegistryStorage.prepare(
            copying: try await sharedStorage(repositories),
            to: work.appendingPathComponent("forge-registry-\(shape.registryKey)"))
        storage.removeAddedTags(in: repositories.map(\.name))
        let scratch = work.appendingPathComponent("forge-run-\(UUID().uuidString.prefix(8))")
        try files.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { if !keep { try? files.removeItem(at: scratch) } else { log("kept \(scratch.path)") } }
        let registry = try await LocalRegistry.start(storage: storage.root, scratch: scratch)
        defer { registry.stop() }
        let forge = try await BenchForge.start(forgeKind)
        do {
            let result = try await measure(
                apps, repositories, storage: storage, registry: registry, forge: forge,
                scratch: scratch)
            await forge.stop()
            return result
        } catch {
            storage.removeAddedTags(in: repositories.map(\.name))
            await forge.stop()
            throw error
        }
    }

    private func measure(
        _ apps: [ApplicationModel], _ repositories: [ImageRepositoryModel], storage: ForgeRegistryStorage,
        registry: LocalRegistry, forge: BenchForge, scratch: URL
    ) async throws -> ForgeResult {
        let setupStart = ContinuousClock.now
        let writer = FleetWriter(
            root: scratch.appendingPathComponent("fleet"), registryHost: String(registry.baseURL.dropFirst(7)),
            chartRepoURL: { forge.cloneURL($0) })
        let byGit = Dictionary(grouping: apps, by: \.gitRepository)
        for index in 0..<shape.gitRepositories {
            try await forge.createRepository(
                index, files: writer.chartFiles(byGit[index] ?? [], index: index, repositories: repositories))
        }
        try writer.writeApplications(apps, repositories: repositories)
        log(
            "\(shape.gitRepositories) repositories on the fake \(forgeKind.rawValue) in \(ContinuousClock.now - setupStart)"
        )

        let reconciler = Reconciler(
            configuration: BotConfiguration(
                applications: [ApplicationSource(repo: writer.applicationsFolder.path)], forges: [forge.settings]),
            environment: [
                BenchForge.tokenVariable: forge.token, "XDG_CACHE_HOME": scratch.appendingPathComponent("cache").path,
            ],
            logger: logger, warn: { _ in })
        let first = try await measureRun("first (fresh fleet)", reconciler, forge)
        let unchanged = try await measureRun("second (unchanged)", reconciler, forge)

        let bumped = bumpedRepositories(apps, repositories)
        for index in bumped {
            try storage.addTag(
                ForgeRegistryStorage.tagPrefix + "1",
                created: ImageRepositoryModel.epoch.addingTimeInterval(125 * 86_400),
                to: repositories[index].name)
        }
        let expected = apps.count { $0.strategy == .newestBuild && bumped.contains($0.repository) }
        log("pushed \(ForgeRegistryStorage.tagPrefix)1 to \(bumped.count) image repositories (\(expected) apps follow)")
        let third = try await measureRun("third (newer builds)", reconciler, forge)
        storage.removeAddedTags(in: bumped.map { repositories[$0].name })

        let violations = await forge.violations()
        return ForgeResult(
            shape: shape, forgeKind: forgeKind, gitRepositories: shape.gitRepositories,
            bumpedRepositories: bumped.count,
            expectedUpdates: expected, runs: [first, unchanged, third], violations: violations.count,
            firstViolations: Array(violations.prefix(5)),
            targets: ForgeTargets.check(
                first: first, unchanged: unchanged, bumped: third, expectedUpdates: expected,
                gitRepositories: shape.gitRepositories, violations: violations.count))
    }

    private func measureRun(
        _ name: String, _ reconciler: Reconciler, _ forge: BenchForge
    ) async throws -> ForgeResult.RunMeasure {
        await forge.resetCalls()
        let start = ContinuousClock.now
        let result = try await reconciler.run(repositories: [])
        let elapsed = ContinuousClock.now - start
        let calls = await forge.calls()
        if let dump = ProcessInfo.processInfo.environment["FLEET_BENCH_CALLS"] {
            let text = calls.map { "\($0.operation) \($0.method) \($0.path) \($0.query) \($0.status)" }
            try Data(text.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: "\(dump)-\(name.prefix(5))"))
        }
        let tally = ForgeTally(
            calls, pullListOperation: forge.pullListOperation,
            pullGetOperations: [forge.pullGetOperation])
        let errors = result.plan.allErrors
        let measure = ForgeResult.RunMeasure(
            name: name,
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            applications: result.plan.applications.count,
            applicationsWithChanges: result.plan.applications.count { !$0.changes.isEmpty },
            actions: Dictionary(grouping: result.actions, by: \.kind.rawValue).mapValues(\.count),
            errors: errors.count, firstErrors: Array(errors.prefix(3)), forge: tally)
        log("\(name): \(elapsed), \(tally.apiCalls) API calls, \(tally.apiWrites) writes, \(errors.count) errors")
        return measure
    }

    /// The first `bump` image repositories, by index, that a newest-build Application follows.
    private func bumpedRepositories(_ apps: [ApplicationModel], _ repositories: [ImageRepositoryModel]) -> Set<Int> {
        let followed = Set(apps.filter { $0.strategy == .newestBuild }.map(\.repository))
        return Set(followed.sorted().prefix(bump))
    }

    /// The cached registry storage `fleet-bench run` writes (written here too when missing).
    private func sharedStorage(_ repositories: [ImageRepositoryModel]) async throws -> URL {
        let storage = work.appendingPathComponent("registry-\(shape.registryKey)")
        if FileManager.default.fileExists(atPath: storage.appendingPathComponent(".complete").path) { return storage }
        try? FileManager.default.removeItem(at: storage)
        let start = ContinuousClock.now
        try await RegistryStorageWriter(root: storage).write(repositories)
        _ = FileManager.default.createFile(atPath: storage.appendingPathComponent(".complete").path, contents: nil)
        log("registry storage written in \(ContinuousClock.now - start): \(storage.path)")
        return storage
    }

    /// Silent unless `FLEET_BENCH_LOG` names a level (`debug`, `info` …): then the run logs to stderr.
    private var logger: Logger {
        guard let level = ProcessInfo.processInfo.environment["FLEET_BENCH_LOG"].flatMap(Logger.Level.init(rawValue:))
        else { return Logger(label: "fleet-bench") { _ in SwiftLogNoOpLogHandler() } }
        var logger = Logger(label: "fleet-bench") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = level
        return logger
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("fleet-bench forge: \(message)\n".utf8))
    }
}
