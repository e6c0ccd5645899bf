import Engine
import Foundation
import TestSupport

/// The fake forge hosting the fleet's chart repositories (`fleet/charts-<i>`), GitHub or GitLab, with its
/// request log read back as `ForgeCallRecord`s.
enum BenchForge: Sendable {
    case github(FakeGitHub)
    case gitlab(FakeGitLab)

    /// Which fake to start (`--forge`).
    enum Kind: String, Sendable, Codable, CaseIterable {
        case github
        case gitlab
    }

    static let owner = "fleet"
    static let tokenVariable = "FLEET_BENCH_FORGE_TOKEN"

    static func start(_ kind: Kind) async throws -> BenchForge {
        switch kind {
        case .github: .github(try await FakeGitHub.start())
        case .gitlab: .gitlab(try await FakeGitLab.start())
        }
    }

    var kind: Kind {
        switch self {
        case .github: .github
        case .gitlab: .gitlab
        }
    }

    /// The `forges:` entry a configuration file would hold for this instance.
    var settings: ForgeSettings {
        switch self {
        case .github(let github): ForgeSettings(url: github.baseURL, type: .github, tokenEnv: Self.tokenVariable)
        case .gitlab(let gitlab): ForgeSettings(url: gitlab.baseURL, type: .gitlab, tokenEnv: Self.tokenVariable)
        }
    }

    var token: String {
        switch self {
        case .github(let github): github.token
        case .gitlab(let gitlab): gitlab.token
        }
    }

    /// The operation that lists pull (merge) requests.
    var pullListOperation: String {
        switch self {
        case .github: "pulls/list"
        case .gitlab: FakeGitLabFailure.listMergeRequests
        }
    }

    /// The operation that reads one pull (merge) request.
    var pullGetOperation: String {
        switch self {
        case .github: "pulls/get"
        case .gitlab: "GET /projects/:id/merge_requests/:merge_request_iid"
        }
    }

    static func repositoryName(_ index: Int) -> String { "charts-\(index)" }

    func cloneURL(_ index: Int) -> String {
        switch self {
        case .github(let github): github.cloneURL(owner: Self.owner, name: Self.repositoryName(index))
        case .gitlab(let gitlab): gitlab.cloneURL(project: "\(Self.owner)/\(Self.repositoryName(index))")
        }
    }

    func createRepository(_ index: Int, files: [String: String]) async throws {
        switch self {
        case .github(let github):
            try await github.createRepository(owner: Self.owner, name: Self.repositoryName(index), files: files)
        case .gitlab(let gitlab):
            try await gitlab.createProject("\(Self.owner)/\(Self.repositoryName(index))", files: files)
        }
    }

    /// Every request answered since the last `resetCalls()`, API and git smart HTTP.
    func calls() async -> [ForgeCallRecord] {
        switch self {
        case .github(let github):
            await github.calls().map {
                ForgeCallRecord(
                    method: $0.method, path: $0.path, query: $0.query, status: $0.status,
                    operation: $0.operationID.isEmpty ? "unknown \($0.method)" : $0.operationID, isWrite: $0.isWrite)
            }
        case .gitlab(let gitlab):
            await gitlab.calls().map {
                ForgeCallRecord(
                    method: $0.method, path: $0.path, query: $0.query, status: $0.status,
                    operation: $0.route.isEmpty ? "unknown \($0.method)" : $0.route, isWrite: $0.isWrite)
            }
        }
    }

    func resetCalls() async {
        switch self {
        case .github(let github): await github.resetCalls()
        case .gitlab(let gitlab): await gitlab.resetCalls()
        }
    }

    /// Requests or answers that did not fit the fake's API description (should stay empty).
    func violations() async -> [String] {
        switch self {
        case .github(let github): await github.violations()
        case .gitlab(let gitlab): await gitlab.violations()
        }
    }

    func stop() async {
        switch self {
        case .github(let github): await github.stop()
        case .gitlab(let gitlab): await gitlab.stop()
        }
    }
}
