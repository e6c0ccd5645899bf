import Foundation
import TestSupport
import Testing

/// `run` through the binary while the forge and git fail for some Applications: exit status 1, one stderr line
/// per failure naming its Application, the others done, no token anywhere, and a clean run after recovery.
@Suite("run command under faults", .serialized)
struct RunFaultCommandTests {
    @Test func partialFailureExitsOneNamesEachFailureAndLeaksNoToken() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        let directory = fleet.gitDirectory(GitHubFaultFleet.first)
        let reason = "policy: staging is frozen"
        try FaultFleetFiles.installHook(
            "pre-receive", script: FaultFleetFiles.refusingHook(branch: "argocd-image-pr/staging", reason: reason),
            in: directory)
        await fleet.inject(.serverError("pulls/create", status: 502))
        let arguments = try fleet.commandLine()

        let failed = try await Self.runOffThePool(arguments, environment: fleet.environment)
        #expect(failed.status == 1, "\(failed.stderr)")
        let lines = failed.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("example") && $0.contains("HTTP 502") }, "\(failed.stderr)")
        #expect(lines.contains { $0.contains("staging") && $0.contains(reason) }, "\(failed.stderr)")
        #expect(failed.stdout.contains("opened PR #1 for billing"), "\(failed.stdout)")
        #expect(!failed.stdout.contains(fleet.github.token) && !failed.stderr.contains(fleet.github.token))
        #expect(try await fleet.openPulls(GitHubFaultFleet.first).isEmpty)

        try FaultFleetFiles.removeHook("pre-receive", in: directory)
        let recovered = try await Self.runOffThePool(arguments, environment: fleet.environment)
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(!recovered.stdout.contains(fleet.github.token) && !recovered.stderr.contains(fleet.github.token))
        #expect(
            try await fleet.openPulls(GitHubFaultFleet.first).map(\.head).sorted() == [
                "argocd-image-pr/example", "argocd-image-pr/staging",
            ])
        #expect(try await fleet.openPulls(GitHubFaultFleet.second).count == 1)
    }

    /// A server that takes the push and never answers (no reset, no close): without an idle timeout on git's
    /// sockets the run waited forever. The binary gets a short timeout so that the test does not wait minutes;
    /// it runs off the concurrency pool, which the fake servers in this process need to answer in time.
    @Test func silentServerMidPushTimesOutAndTheRunGoesOn() async throws {
        let fleet = try await GitHubFaultFleet.make(proxyFaults: [
            FaultRule(path: "/git-receive-pack", method: "POST", fault: .delay(.seconds(3600)), times: 1)
        ])
        defer { Task { await fleet.stop() } }
        var environment = fleet.environment
        environment["ARGOCD_IMAGE_PR_GIT_IDLE_TIMEOUT"] = "20"
        let before = try await fleet.snapshot()

        let result = try await Self.runOffThePool(try fleet.commandLine(), environment: environment)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("error") }
        let timedOut = lines.filter { $0.contains("sent nothing for 20 s") }
        #expect(timedOut.contains { $0.contains("example") && $0.contains(fleet.repoURL(GitHubFaultFleet.first)) })
        // Only the silent push failed (on a starved machine another read may time out too: still no hang).
        #expect(lines.count == timedOut.count, "\(result.stderr)")
        #expect(try await fleet.openPulls(GitHubFaultFleet.first).allSatisfy { $0.head != "argocd-image-pr/example" })
        #expect(!result.stdout.contains(fleet.github.token) && !result.stderr.contains(fleet.github.token))
        try await fleet.expectNoDamage(since: before)

        await fleet.proxy?.heal()
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    private static func runOffThePool(_ arguments: [String], environment: [String: String]) async throws -> CLI.Result {
        try await CLI.run(arguments, environment: environment)
    }
}
