import Forges
import Foundation
import Logging
import TestSupport

@testable import Engine

/// Two chart projects on one fake GitLab, for faults that must stay in one of them: the first holds the
/// Applications `example` and `staging`, the second `billing`. With proxy faults, the first project (git and API
/// alike) is reached through a ``FaultProxy``.
struct GitLabFaultFleet {
    static let group = "platform"
    static let first = "platform/kubernetes-example-helm"
    static let second = "platform/billing-helm"
    static let apps = [first: ["example", "staging"], second: ["billing"]]
    static let repositories = [first, second]
    static let tokenVariable = "FAKE_GITLAB_TOKEN"

    let registry: RegistryServer
    let gitlab: FakeGitLab
    let proxy: FaultProxy?
    let root: URL
    let logs = LogCapture()

    func repoURL(_ project: String) -> String {
        if project == Self.first, let proxy { return "\(proxy.baseURL)/\(project).git" }
        return gitlab.cloneURL(project: project)
    }

    var configuration: BotConfiguration {
        var forges = [ForgeSettings(url: gitlab.baseURL, type: .gitlab, tokenEnv: Self.tokenVariable)]
        if let proxy { forges.append(ForgeSettings(url: proxy.baseURL, type: .gitlab, tokenEnv: Self.tokenVariable)) }
        return BotConfiguration(forges: forges)
    }

    var environment: [String: String] {
        [Self.tokenVariable: gitlab.token, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path]
    }

    static func make(proxyFaults: [FaultRule]? = nil) async throws -> GitLabFaultFleet {
        let registry = try await RegistryServer.start()
        var gitlab: FakeGitLab?
        var proxy: FaultProxy?
        do {
            try await SeedFixture.pushImages(to: registry)
            gitlab = try await FakeGitLab.start()
            guard let gitlab else { throw CancellationError() }
            if let proxyFaults { proxy = try await FaultProxy.start(upstream: gitlab.baseURL, faults: proxyFaults) }
            let fleet = GitLabFaultFleet(
                registry: registry, gitlab: gitlab, proxy: proxy, root: try TemporaryDirectory.make(prefix: "faults"))
            for project in repositories {
                try await gitlab.createProject(
                    project,
                    files: FaultFleetFiles.chart(
                        apps[project] ?? [], registry: registry.host, repoURL: fleet.repoURL(project)))
            }
            return fleet
        } catch {
            try? await proxy?.stop()
            await gitlab?.stop()
            try? await registry.stop()
            throw error
        }
    }

    func stop() async {
        try? await proxy?.stop()
        try? await registry.stop()
        await gitlab.stop()
        TemporaryDirectory.remove(root)
    }

    /// A whole `run` over both projects, with real forge clients that back off briefly between retries.
    func run() async throws -> RunResult {
        let logger = logs.logger(label: "fault-run")
        let options = FaultFleetFiles.forgeOptions
        let environment = self.environment
        let reconciler = Reconciler(
            configuration: configuration, environment: environment, options: RunOptions(), logger: logger,
            warn: { _ in },
            makeForge: { endpoint in
                GitLabForge(endpoint: endpoint, options: options, environment: environment, logger: logger)
            })
        return try await reconciler.run(repositories: Self.repositories.map(repoURL))
    }

    func pushNewer() async throws {
        try await FaultFleetFiles.pushNewer(to: registry)
    }

    func mergeRequests(_ project: String) async throws -> [FakeMergeRequestRecord] {
        try await gitlab.mergeRequests(project: project).sorted { $0.iid < $1.iid }
    }

    func openMergeRequests(_ project: String) async throws -> [FakeMergeRequestRecord] {
        try await mergeRequests(project).filter { $0.state == "opened" }
    }

    /// Only the first project's calls fail.
    func inject(_ failure: FakeGitLabFailure) async {
        await gitlab.inject(failure.only(project: Self.first))
    }
}

extension GitLabFaultFleet: FaultFleet {
    var token: String { gitlab.token }

    func gitDirectory(_ name: String) throws -> URL {
        try gitlab.gitDirectory(project: name)
    }

    func openRequests(_ name: String) async throws -> [OpenRequest] {
        try await openMergeRequests(name).map {
            OpenRequest(number: $0.iid, head: $0.sourceBranch, body: $0.description ?? "")
        }
    }

    func destructiveCalls() async -> [String] {
        await gitlab.writeCalls().filter { call in
            call.method == "DELETE" || call.body?.contains("\"state_event\":\"close\"") == true
        }.map(\.description)
    }

    func writeCalls() async -> [String] {
        await gitlab.writeCalls().map(\.description)
    }

    func resetCalls() async {
        await gitlab.resetCalls()
    }
}
