import Engine
import Foundation
import TestSupport
import Testing

/// A whole `run` while the network to the first repository fails (a ``FaultProxy`` in front of its git and API),
/// or the repository moved: an error naming the repository and no token, the other repository done, and after
/// recovery exactly one pull request per Application.
@Suite("run survives network faults and moved repositories", .serialized)
struct RunNetworkFaultTests {
    static let first = GitHubFaultFleet.first
    static let second = GitHubFaultFleet.second

    @Test func connectionResetMidPushFailsOnlyThatRepository() async throws {
        let fleet = try await GitHubFaultFleet.make(proxyFaults: [
            FaultRule(path: "/git-receive-pack", method: "POST", fault: .resetConnection)
        ])
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        try await fleet.expectPushFailedOnly(in: Self.first, healthy: Self.second, result: result, since: before)

        await fleet.proxy?.heal()
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    @Test func answerLostAfterThePushLandedConvergesOnTheNextRun() async throws {
        let fleet = try await GitHubFaultFleet.make(proxyFaults: [
            FaultRule(path: "/git-receive-pack", method: "POST", fault: .truncateBody)
        ])
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        #expect(result.hasErrors)
        #expect(fleet.errors(of: "billing", in: result) == [])
        #expect(try await fleet.openPulls(Self.first).isEmpty)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)

        await fleet.proxy?.heal()
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    @Test func connectionResetMidCloneFailsOnlyThatRepository() async throws {
        let fleet = try await GitHubFaultFleet.make(proxyFaults: [
            FaultRule(path: "/git-upload-pack", method: "POST", fault: .resetConnection)
        ])
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        #expect(result.hasErrors)
        let errors = result.plan.allErrors
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.allSatisfy { $0.contains(fleet.repoURL(Self.first)) }, "\(errors)")
        #expect(fleet.errors(of: "billing", in: result) == [])
        #expect(try await fleet.openPulls(Self.second).count == 1)
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)

        await fleet.proxy?.heal()
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    @Test func repositoryMovedAwayIsAnErrorNamingItAndClosesNothing() async throws {
        let fleet = try await GitHubFaultFleet.make()
        defer { Task { await fleet.stop() } }
        _ = try await fleet.run()
        try await fleet.pushNewer()
        let before = try await fleet.snapshot()
        let directory = fleet.gitDirectory(Self.second)
        let moved = directory.deletingLastPathComponent().appendingPathComponent("billing-moved.git")
        try FileManager.default.moveItem(at: directory, to: moved)

        let result = try await fleet.run()
        #expect(result.hasErrors)
        let errors = result.plan.allErrors.filter { !$0.contains(Self.first) }
        #expect(errors.count == 1 && errors[0].contains(fleet.repoURL(Self.second)), "\(result.plan.allErrors)")
        #expect(fleet.errors(of: "example", in: result) == [])
        fleet.expectNoSecret(in: result)

        try FileManager.default.moveItem(at: moved, to: directory)
        try await fleet.expectNoDamage(since: before)
        try await fleet.expectConverges(to: SeedFixture.newerTag)
    }

    @Test func repositoryRedirectedToAnotherHostIsNotFollowedWithTheToken() async throws {
        // Stands for the other host (`localhost`, not `127.0.0.1`): it records whatever reaches it.
        let elsewhere = try await FaultProxy.start(upstream: "http://127.0.0.1:9", faults: [])
        defer { Task { try? await elsewhere.stop() } }
        let port = elsewhere.host.split(separator: ":").last ?? ""
        let moved =
            "http://localhost:\(port)/\(GitHubFaultFleet.owner)/\(Self.first).git/info/refs?service=git-upload-pack"
        let fleet = try await GitHubFaultFleet.make(proxyFaults: [
            FaultRule(
                path: "/\(Self.first).git/", fault: .respond(status: 301, headers: ["Location": moved], body: Data()))
        ])
        defer { Task { await fleet.stop() } }

        let result = try await fleet.run()
        let errors = result.plan.allErrors
        #expect(errors.count == 1 && errors[0].contains(fleet.repoURL(Self.first)), "\(errors)")
        #expect(errors.allSatisfy { $0.contains("301") || $0.contains("redirect") }, "\(errors)")
        #expect(await elsewhere.requests().isEmpty)
        #expect(try await fleet.openPulls(Self.second).count == 1)
        fleet.expectNoSecret(in: result)

        await fleet.proxy?.heal()
        try await fleet.expectConverges(to: SeedFixture.newTag)
    }

    /// GitHub made the pull request but the answer never arrived: the next run finds it instead of opening another.
    @Test func createAnswerLostDoesNotOpenASecondPullRequest() async throws {
        let fleet = try await GitHubFaultFleet.make(proxyFaults: [
            FaultRule(path: "/\(Self.first)/pulls", method: "POST", fault: .truncateBody, times: 1)
        ])
        defer { Task { await fleet.stop() } }
        let before = try await fleet.snapshot()

        let result = try await fleet.run()
        let errors = fleet.errors(of: "example", in: result)
        #expect(errors.count == 1 && errors[0].contains("create pull request"), "\(result.plan.allErrors)")
        #expect(result.plan.allErrors.count == 1)
        // It exists on GitHub, without the label that is added after the answer.
        let made = try await fleet.openPulls(Self.first).filter { $0.head == "argocd-image-pr/example" }
        #expect(made.count == 1 && made.first?.labels == [])
        try await fleet.expectNoDamage(since: before)
        fleet.expectNoSecret(in: result)

        try await fleet.expectConverges(to: SeedFixture.newTag)
        let pulls = try await fleet.pulls(Self.first).filter { $0.head == "argocd-image-pr/example" }
        #expect(pulls.map(\.number) == made.map(\.number))
        #expect(pulls.first?.labels.contains("argocd-image-pr") == true)
    }
}
