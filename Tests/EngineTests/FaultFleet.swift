import Engine
import Foundation
import TestSupport
import Testing

/// A bot pull or merge request as a fault test sees it.
struct OpenRequest: Sendable {
    let number: Int
    let head: String
    let body: String
}

/// Repositories on a fake forge that a fault test breaks and then checks: nothing damaged, no secret shown, and
/// a later run converges.
protocol FaultFleet: Sendable {
    static var repositories: [String] { get }
    /// Applications by repository.
    static var apps: [String: [String]] { get }
    var token: String { get }
    var logs: LogCapture { get }
    func run() async throws -> RunResult
    func gitDirectory(_ name: String) throws -> URL
    func openRequests(_ name: String) async throws -> [OpenRequest]
    /// API calls that closed a pull request or deleted a branch, described.
    func destructiveCalls() async -> [String]
    func writeCalls() async -> [String]
    func resetCalls() async
}

extension FaultFleet {
    func snapshot() async throws -> FleetSnapshot {
        var snapshot = FleetSnapshot()
        for name in Self.repositories {
            snapshot.branches[name] = FaultFleetFiles.branches(of: try gitDirectory(name))
            snapshot.openPullRequests[name] = try await openRequests(name).map(\.number)
        }
        return snapshot
    }

    /// The errors of one Application.
    func errors(of app: String, in result: RunResult) -> [String] {
        result.plan.applications.filter { $0.name == app }.flatMap(\.errors)
    }

    /// After a failed run: the base branch untouched, no branch deleted, no pull request closed, and every bot
    /// branch that moved holds one commit on the base with an override file (but `movedByOthers`).
    func expectNoDamage(
        since before: FleetSnapshot, movedByOthers: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let after = try await snapshot()
        for name in Self.repositories {
            let old = before.branches[name] ?? [:]
            let new = after.branches[name] ?? [:]
            #expect(new["main"] == old["main"], "\(name): base moved", sourceLocation: sourceLocation)
            #expect(
                Set(old.keys).subtracting(new.keys).isEmpty, "\(name): branch deleted", sourceLocation: sourceLocation)
            let stillOpen = Set(after.openPullRequests[name] ?? [])
            #expect(
                Set(before.openPullRequests[name] ?? []).subtracting(stillOpen).isEmpty,
                "\(name): pull request closed", sourceLocation: sourceLocation)
            for app in Self.apps[name] ?? [] {
                let branch = FaultFleetFiles.botPrefix + app
                guard let commit = new[branch], commit != old[branch], !movedByOthers.contains(branch) else { continue }
                let directory = try gitDirectory(name)
                #expect(
                    FaultFleetFiles.parent(of: branch, in: directory) == new["main"],
                    "\(name): \(branch) is not one commit on main", sourceLocation: sourceLocation)
                #expect(
                    GitFixture.readFile(".argocd-source-\(app).yaml", branch: branch, repository: directory) != nil,
                    "\(name): \(branch) lacks its override", sourceLocation: sourceLocation)
            }
        }
        #expect(await destructiveCalls() == [], sourceLocation: sourceLocation)
    }

    /// The token appears nowhere the run reports: errors, actions, the rendered report in every format, logs.
    func expectNoSecret(in result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        var texts = result.plan.allErrors + result.actions.map(\.line)
        texts += [PlanReport.Format.text, .json, .markdown].map { result.render(format: $0) }
        #expect(!logs.all.isEmpty, "no log captured", sourceLocation: sourceLocation)
        texts += logs.all
        let leaks = texts.filter { $0.contains(token) }
        #expect(leaks == [], sourceLocation: sourceLocation)
    }

    /// With the fault gone: a run succeeds, every Application has exactly one open pull request proposing `tag`
    /// from a branch that holds it, and a run after that writes nothing.
    func expectConverges(to tag: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await run()
        #expect(result.plan.allErrors == [], sourceLocation: sourceLocation)
        expectNoSecret(in: result, sourceLocation: sourceLocation)
        for name in Self.repositories {
            let open = try await openRequests(name)
            let apps = Self.apps[name] ?? []
            #expect(
                open.map(\.head).sorted() == apps.map { FaultFleetFiles.botPrefix + $0 }.sorted(),
                "\(name): open requests", sourceLocation: sourceLocation)
            for request in open {
                #expect(request.body.contains("`\(tag)`"), "\(name): \(request.head)", sourceLocation: sourceLocation)
                let app = String(request.head.dropFirst(FaultFleetFiles.botPrefix.count))
                let override = GitFixture.readFile(
                    ".argocd-source-\(app).yaml", branch: request.head, repository: try gitDirectory(name))
                #expect(override?.contains("value: \(tag)") == true, sourceLocation: sourceLocation)
            }
        }
        await resetCalls()
        let again = try await run()
        #expect(again.plan.allErrors == [], sourceLocation: sourceLocation)
        #expect(again.actions.map(\.line) == [], sourceLocation: sourceLocation)
        #expect(await writeCalls() == [], sourceLocation: sourceLocation)
    }
}
