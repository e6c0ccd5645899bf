import Engine
import Foundation
import TestSupport
import Testing

/// Planning reads each target repository's branch once, from its objects, whatever order the
/// Applications come in, and writes no working tree.
@Suite("plan reads each target branch once from git objects")
struct PlanGitReadTests {
    @Test func interleavedApplicationsOfTwoRepositoriesReadEachBranchOnce() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let second = fixture.root.appendingPathComponent("second.git")
        try GitFixture.makeBareRepository(
            at: second, files: SeedFixture.chartFiles(registry: fixture.registry.host, repoURL: "unused"))
        let apps = fixture.root.appendingPathComponent("apps")
        try FileManager.default.createDirectory(at: apps, withIntermediateDirectories: true)
        for index in 0..<6 {
            let bare = index.isMultiple(of: 2) ? fixture.bare : second
            let text = SeedFixture.application(
                name: "app-\(index)", registry: fixture.registry.host, repoURL: "file://\(bare.path)")
            try text.write(to: apps.appendingPathComponent("app-\(index).yaml"), atomically: true, encoding: .utf8)
        }
        let capture = LogCapture()
        let configuration = BotConfiguration(applications: [ApplicationSource(repo: apps.path)])
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = fixture.root.appendingPathComponent("cache").path
        let planner = Planner(
            configuration: configuration, environment: environment, logger: capture.logger(label: "test")
        ) { _ in }
        let plan = try await planner.plan(repositories: [])

        #expect(plan.allErrors.isEmpty, "\(plan.allErrors)")
        #expect(plan.applications.count == 6)
        for app in plan.applications {
            #expect(app.changes.map(\.to) == [SeedFixture.newTag, SeedFixture.newTag], "\(app.name)")
            #expect(app.files.map(\.path) == [".argocd-source-\(app.name).yaml"], "\(app.name)")
        }
        let reads = capture.all.filter { $0.contains("reading a branch from git objects") }
        #expect(reads.count == 2, "\(reads)")
        #expect(reads.contains { $0.contains("git.repository=\(fixture.bare.path)") })
        #expect(reads.contains { $0.contains("git.repository=\(second.path)") })
    }
}
