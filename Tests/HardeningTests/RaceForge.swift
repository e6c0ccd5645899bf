import Engine
import Foundation
import TestSupport

/// The fake GitHub or the fake GitLab behind the few questions the race tests ask: repositories under one owner
/// (`platform`), their bot pull or merge requests, branches and files.
enum RaceForge: Sendable {
    case github(FakeGitHub)
    case gitlab(FakeGitLab)

    static let owner = "platform"

    /// A pull or merge request, whichever forge it is on.
    struct Request: Sendable, Equatable {
        let number: Int
        let head: String
        let open: Bool
        let body: String
    }

    static func start(_ kind: ForgeSettings.Kind) async throws -> RaceForge {
        switch kind {
        case .github: .github(try await FakeGitHub.start())
        case .gitlab: .gitlab(try await FakeGitLab.start())
        }
    }

    var kind: ForgeSettings.Kind {
        switch self {
        case .github: .github
        case .gitlab: .gitlab
        }
    }

    var baseURL: String {
        switch self {
        case .github(let github): github.baseURL
        case .gitlab(let gitlab): gitlab.baseURL
        }
    }

    var token: String {
        switch self {
        case .github(let github): github.token
        case .gitlab(let gitlab): gitlab.token
        }
    }

    func stop() async {
        switch self {
        case .github(let github): await github.stop()
        case .gitlab(let gitlab): await gitlab.stop()
        }
    }

    func createRepository(_ name: String, files: [String: String]) async throws {
        switch self {
        case .github(let github): try await github.createRepository(owner: Self.owner, name: name, files: files)
        case .gitlab(let gitlab): try await gitlab.createProject("\(Self.owner)/\(name)", files: files)
        }
    }

    func cloneURL(_ name: String) -> String {
        switch self {
        case .github(let github): github.cloneURL(owner: Self.owner, name: name)
        case .gitlab(let gitlab): gitlab.cloneURL(project: "\(Self.owner)/\(name)")
        }
    }

    func gitDirectory(_ name: String) throws -> URL {
        switch self {
        case .github(let github): github.gitDirectory(owner: Self.owner, name: name)
        case .gitlab(let gitlab): try gitlab.gitDirectory(project: "\(Self.owner)/\(name)")
        }
    }

    /// Every pull or merge request of the repository, oldest first.
    func requests(_ name: String) async throws -> [Request] {
        switch self {
        case .github(let github):
            return try await github.pullRequests(owner: Self.owner, name: name).sorted { $0.number < $1.number }
                .map { Request(number: $0.number, head: $0.head, open: $0.state == "open", body: $0.body ?? "") }
        case .gitlab(let gitlab):
            return try await gitlab.mergeRequests(project: "\(Self.owner)/\(name)").sorted { $0.iid < $1.iid }
                .map {
                    Request(
                        number: $0.iid, head: $0.sourceBranch, open: $0.state == "opened", body: $0.description ?? "")
                }
        }
    }

    /// Attempts to open a pull or merge request, and how many the forge refused as "already exists".
    func creates() async -> (tried: Int, refused: Int) {
        switch self {
        case .github(let github):
            let calls = await github.calls(of: "pulls/create")
            return (calls.count, calls.filter { $0.status == 422 }.count)
        case .gitlab(let gitlab):
            let calls = await gitlab.calls(of: FakeGitLabFailure.createMergeRequest)
            return (calls.count, calls.filter { $0.status == 409 }.count)
        }
    }

    /// Contract problems the fake noticed in the bot's calls.
    func violations() async -> [String] {
        switch self {
        case .github(let github): await github.violations()
        case .gitlab(let gitlab): await gitlab.violations()
        }
    }

    /// A commit by a person on `branch`.
    func commit(_ files: [String: String], on branch: String, in name: String) async throws {
        switch self {
        case .github(let github):
            try await github.commit(files: files, on: branch, owner: Self.owner, name: name)
        case .gitlab(let gitlab):
            try await gitlab.commit(files: files, on: branch, project: "\(Self.owner)/\(name)")
        }
    }

    /// Every branch and its commit.
    func branches(_ name: String) throws -> [String: String] {
        let directory = try gitDirectory(name)
        var result: [String: String] = [:]
        for branch in GitFixture.branches(of: directory) {
            result[branch] = GitFixture.head(of: branch, repository: directory)
        }
        return result
    }

    func file(_ path: String, on branch: String, in name: String) throws -> String? {
        GitFixture.readFile(path, branch: branch, repository: try gitDirectory(name))
    }

    /// The parents of the branch's commit.
    func parents(of branch: String, in name: String) throws -> [String] {
        let output = try GitFixture.run(["--git-dir", try gitDirectory(name).path, "log", "-1", "--format=%P", branch])
        return output.split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
