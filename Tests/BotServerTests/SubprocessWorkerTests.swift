import Engine
import Foundation
import Testing

@testable import BotServer

#if canImport(Glibc)
import Glibc
#endif

@Suite("Subprocess worker")
struct SubprocessWorkerTests {
    /// A stand-in for `argocd-image-pr` in a fresh folder: a shell script with the given body;
    /// `$ARGS` and `$PIDFILE` are files next to it.
    private struct FakeBinary {
        let folder: URL
        var path: String { folder.appendingPathComponent("argocd-image-pr").path }
        var argumentsFile: String { folder.appendingPathComponent("args").path }
        var pidFile: String { folder.appendingPathComponent("pid").path }

        init(_ body: String) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("bot-server-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let script = """
                #!/bin/sh
                ARGS='\(folder.path)/args'
                PIDFILE='\(folder.path)/pid'
                echo "$$" > "$PIDFILE"
                echo "$@" > "$ARGS"
                \(body)
                """
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
        func arguments() throws -> String {
            try String(contentsOfFile: argumentsFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    private let configuration = BotConfiguration(
        applications: [ApplicationSource(repo: "https://github.com/acme/apps.git")], sourcePath: "/etc/bot.yaml")

    @Test("a successful run reports its JSON counts and gets the configuration and target repository")
    func success() async throws {
        let binary = try FakeBinary(
            """
            echo '{"applications": [{"name": "a", "errors": ["x"]}], "errors": [],
              "actions": [{"action": "pushed-branch"}, {"action": "opened-pull-request"},
                          {"action": "updated-pull-request"}],
              "commands": [{"outcome": "applied"}, {"outcome": "refused"}]}'
            """)
        defer { binary.remove() }
        let worker = SubprocessReconcileWorker(executable: binary.path, configuration: configuration)
        let summary = try await worker.reconcile(.repository(url: "https://github.com/ACME/apps"))
        #expect(summary.result == .success)
        #expect(summary.pullRequestsOpened == 1)
        #expect(summary.pullRequestsUpdated == 1)
        #expect(summary.commandsApplied == 1)
        #expect(summary.commandsRefused == 1)
        #expect(summary.errorsByKind == ["application": 1])
        #expect(
            try binary.arguments() == "run --format json --config /etc/bot.yaml --repo https://github.com/acme/apps.git"
        )
    }

    @Test(
        "exit status 1 is partial, 2 is failed, and the first stderr line is the message",
        arguments: [(1, ReconcileSummary.Result.partial), (2, .failed)])
    func exitStatus(status: Int, result: ReconcileSummary.Result) async throws {
        let binary = try FakeBinary("echo 'registry.local: 401 unauthorized' >&2\nexit \(status)")
        defer { binary.remove() }
        let worker = SubprocessReconcileWorker(executable: binary.path, configuration: configuration)
        let summary = try await worker.reconcile(.scheduled)
        #expect(summary.result == result)
        #expect(summary.message == "registry.local: 401 unauthorized")
        #expect(try binary.arguments() == "run --format json --config /etc/bot.yaml")
    }

    @Test("triggers map to run arguments: unknown repositories and images run everything")
    func argumentMapping() {
        let worker = SubprocessReconcileWorker(executable: "/bin/false", configuration: configuration)
        let base = ["run", "--format", "json", "--config", "/etc/bot.yaml"]
        #expect(worker.arguments(for: .scheduled) == base)
        #expect(worker.arguments(for: .image(repository: "ghcr.io/acme/frontend")) == base)
        #expect(worker.arguments(for: .repository(url: "https://github.com/acme/charts")) == base)
        #expect(
            worker.arguments(for: .comment(repositoryURL: "git@github.com:acme/apps.git", number: 1, commentID: 2))
                == base + ["--repo", "https://github.com/acme/apps.git"])
    }

    @Test("a trigger run without --repo locks like a full reconcile")
    func widenedScope() {
        let worker = SubprocessReconcileWorker(executable: "/bin/false", configuration: configuration)
        let listed = ReconcileTrigger.repository(url: "https://github.com/acme/apps")
        #expect(worker.scope(of: listed) == listed.scope)
        #expect(worker.scope(of: .repository(url: "https://github.com/acme/charts")) == .everything)
        #expect(worker.scope(of: .image(repository: "ghcr.io/acme/frontend")) == .everything)
    }

    @Test("a run over the timeout is stopped and leaves no process behind")
    func timeout() async throws {
        let binary = try FakeBinary("exec sleep 30")
        defer { binary.remove() }
        let worker = SubprocessReconcileWorker(
            executable: binary.path, configuration: configuration, timeout: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect(throws: BotServerError.self) { _ = try await worker.reconcile(.scheduled) }
        #expect(ContinuousClock.now - started < .seconds(5))
        let pid = try #require(
            Int32(
                String(contentsOfFile: binary.pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        )
        #expect(kill(pid, 0) == -1)
    }

    @Test("cancelling the task stops the child")
    func cancellation() async throws {
        let binary = try FakeBinary("exec sleep 30")
        defer { binary.remove() }
        let worker = SubprocessReconcileWorker(executable: binary.path, configuration: configuration)
        let task = Task { try await worker.reconcile(.scheduled) }
        // Cancel only once the child runs: on a loaded machine it may take a while to start.
        let started = ContinuousClock.now
        while !FileManager.default.fileExists(atPath: binary.pidFile), ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        let pid = try #require(
            Int32(
                String(contentsOfFile: binary.pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        )
        #expect(kill(pid, 0) == -1)
    }

    @Test("a missing executable is a one-line error")
    func missingExecutable() async throws {
        let worker = SubprocessReconcileWorker(executable: "/nonexistent/argocd-image-pr", configuration: configuration)
        let error = await #expect(throws: BotServerError.self) { _ = try await worker.reconcile(.scheduled) }
        #expect(error?.description.contains("/nonexistent/argocd-image-pr") == true)
    }
}
