import Forges
import Foundation
import Logging
import TestSupport

@testable import Engine

/// Two chart repositories on one fake GitHub, for faults that must stay in one of them: the first holds the
/// Applications `example` and `staging`, the second `billing`, all following the seed's images. With proxy faults,
/// the first repository (git and API alike) is reached through a ``FaultProxy``.
struct GitHubFaultFleet {
    static let owner = "platform"
    static let first = "kubernetes-example-helm"
    static let second = "billing-helm"
    static let apps = [first: ["example", "staging"], second: ["billing"]]
    static let repositories = [first, second]
    static let tokenVariable = "FAKE_GITHUB_TOKEN"

    let registry: RegistryServer
    let github: FakeGitHub
    /// In front of the first repository, when the fleet was made with proxy faults.
    let proxy: FaultProxy?
    let root: URL
    let logs = LogCapture()

    /// Where the run reaches a repository: the first one through the proxy when there is one.
    func repoURL(_ name: String) -> String {
        if name == Self.first, let proxy { return "\(proxy.baseURL)/\(Self.owner)/\(name).git" }
        return github.cloneURL(owner: Self.owner, name: name)
    }

    var configuration: BotConfiguration {
        var forges = [ForgeSettings(url: github.baseURL, type: .github, tokenEnv: Self.tokenVariable)]
        if let proxy { forges.append(ForgeSettings(url: proxy.baseURL, type: .github, tokenEnv: Self.tokenVariable)) }
        return BotConfiguration(forges: forges)
    }

    var environment: [String: String] {
        [Self.tokenVariable: github.token, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path]
    }

    static func make(proxyFaults: [FaultRule]? = nil) async throws -> GitHubFaultFleet {
        let registry = try await RegistryServer.start()
        var github: FakeGitHub?
        var proxy: FaultProxy?
        do {
            try await SeedFixture.pushImages(to: registry)
            github = try await FakeGitHub.start()
            guard let github else { throw CancellationError() }
            if let proxyFaults { proxy = try await FaultProxy.start(upstream: github.baseURL, faults: proxyFaults) }
            let fleet = GitHubFaultFleet(
                registry: registry, github: github, proxy: proxy, root: try TemporaryDirectory.make(prefix: "faults"))
            for name in repositories {
                try await github.createRepository(
                    owner: owner, name: name,
                    files: FaultFleetFiles.chart(
                        apps[name] ?? [], registry: registry.host,
                        repoURL: fleet.repoURL(name)))
            }
            return fleet
        } catch {
            try? await proxy?.stop()
            await github?.stop()
            try? await registry.stop()
            throw error
        }
    }

    func stop() async {
        try? await proxy?.stop()
        try? await registry.stop()
        await github.stop()
        TemporaryDirectory.remove(root)
    }

    /// A whole `run` over both repositories, with real forge clients that back off briefly between retries.
    func run() async throws -> RunResult {
        let logger = logs.logger(label: "fault-run")
        let options = FaultFleetFiles.forgeOptions
        let reconciler = Reconciler(
            configuration: configuration, environment: environment, options: RunOptions(), logger: logger,
            warn: { _ in },
            makeForge: { endpoint in GitHubForge(endpoint: endpoint, options: options, logger: logger) })
        return try await reconciler.run(repositories: Self.repositories.map(repoURL))
    }

    func pushNewer() async throws {
        try await FaultFleetFiles.pushNewer(to: registry)
    }

    func gitDirectory(_ name: String) -> URL {
        github.gitDirectory(owner: Self.owner, name: name)
    }

    func pulls(_ name: String) async throws -> [FakePullRecord] {
        try await github.pullRequests(owner: Self.owner, name: name).sorted { $0.number < $1.number }
    }

    func openPulls(_ name: String) async throws -> [FakePullRecord] {
        try await pulls(name).filter { $0.state == "open" }
    }

    /// Only the first repository's calls fail.
    func inject(_ failure: FakeGitHubFailure) async {
        await github.inject(failure.only(owner: Self.owner, name: Self.first))
    }
}

extension GitHubFaultFleet: FaultFleet {
    var token: String { github.token }

    func openRequests(_ name: String) async throws -> [OpenRequest] {
        try await openPulls(name).map { OpenRequest(number: $0.number, head: $0.head, body: $0.body ?? "") }
    }

    func destructiveCalls() async -> [String] {
        await github.writeCalls().filter { call in
            call.method == "DELETE"
                || (call.operationID == "pulls/update" && call.body?.contains("\"state\":\"closed\"") == true)
        }.map(\.description)
    }

    func writeCalls() async -> [String] {
        await github.writeCalls().map(\.description)
    }

    func resetCalls() async {
        await github.resetCalls()
    }
}

extension GitHubFaultFleet {
    /// A configuration file for the binary, naming the same forges as ``configuration``.
    func writeConfigurationFile() throws -> URL {
        let url = root.appendingPathComponent("argocd-image-pr.yaml")
        var text = "forges:\n"
        for forge in [github.baseURL] + (proxy.map { [$0.baseURL] } ?? []) {
            text += "  - url: \(forge)\n    type: github\n    tokenEnv: \(Self.tokenVariable)\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// `run --config … --repo …` for both repositories.
    func commandLine() throws -> [String] {
        ["run", "--config", try writeConfigurationFile().path] + Self.repositories.flatMap { ["--repo", repoURL($0)] }
    }
}
