import Engine
import Foundation
import Logging

/// Runs each reconcile as `argocd-image-pr run --format json` in a short-lived child process.
///
/// Why a child: libgit2 as Debian builds it leaks a little per remote, so a service that ran git
/// in-process for weeks would grow; a child's memory goes back to the system when it exits.
/// The child's exit status maps to the result (0 success, 1 partial, anything else failed) and
/// its JSON report to the counts (see ``ReconcileSummary``).
///
/// Targeting: a repository or comment trigger for a repository listed under `applications:`
/// runs `run --repo <that entry>`; every other trigger (scheduled, manual, image, or a
/// repository the configuration does not list, such as a chart repository whose Applications
/// live elsewhere) runs over the whole configuration, because `run` has no narrower filter.
public struct SubprocessReconcileWorker: ReconcileWorker {
    private let executable: String
    private let configurationPath: String?
    private let repositories: [RepositoryKey: String]
    private let timeout: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - executable: the `argocd-image-pr` binary (``currentExecutable()`` for this process's own).
    ///   - configuration: the loaded configuration; its `applications:` entries decide targeting.
    ///   - timeout: longest a single run may take before it is stopped and counted as failed.
    public init(
        executable: String,
        configuration: BotConfiguration,
        timeout: Duration = .seconds(1800),
        logger: Logger = Logger(label: "argocd-image-pr.serve")
    ) {
        self.executable = executable
        self.configurationPath = configuration.sourcePath
        var repositories: [RepositoryKey: String] = [:]
        for source in configuration.applications { repositories[RepositoryKey(source.repo)] = source.repo }
        self.repositories = repositories
        self.timeout = timeout
        self.logger = logger
    }

    /// This process's own executable: `/proc/self/exe` where it exists, else `argv[0]`.
    public static func currentExecutable() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        let first = CommandLine.arguments.first ?? "argocd-image-pr"
        return URL(fileURLWithPath: first).standardizedFileURL.path
    }

    /// The `run` command line for `trigger`.
    func arguments(for trigger: ReconcileTrigger) -> [String] {
        var arguments = ["run", "--format", "json"]
        if let configurationPath { arguments += ["--config", configurationPath] }
        switch trigger {
        case .repository(let url), .comment(let url, _, _):
            if let repo = repositories[RepositoryKey(url)] { arguments += ["--repo", repo] }
        case .scheduled, .manual, .image:
            break
        }
        return arguments
    }

    /// A run without `--repo` may touch every repository, so it locks like a full reconcile.
    public func scope(of trigger: ReconcileTrigger) -> ReconcileTrigger.Scope {
        arguments(for: trigger).contains("--repo") ? trigger.scope : .everything
    }

    public func reconcile(_ trigger: ReconcileTrigger) async throws -> ReconcileSummary {
        let child = ChildProcess(executable: executable, arguments: arguments(for: trigger))
        let outcome = try await child.run(timeout: timeout)
        let stderr = String(decoding: outcome.stderr, as: UTF8.self)
            .split(whereSeparator: \.isNewline).map(String.init)
        if outcome.stopped {
            logStderr(stderr, level: .warning)
            if Task.isCancelled { throw CancellationError() }
            throw BotServerError.timedOut("run (\(trigger))", after: timeout)
        }
        var summary: ReconcileSummary
        switch outcome.exitStatus {
        case 0: summary = ReconcileSummary(result: .success)
        case 1: summary = ReconcileSummary(result: .partial)
        case let status?: summary = ReconcileSummary(result: .failed, message: "run exited with status \(status)")
        case nil:
            summary = ReconcileSummary(result: .failed, message: "run ended by signal \(outcome.signal ?? 0)")
        }
        if summary.result != .success, let first = stderr.first {
            summary.message = String(first.prefix(300))
        }
        RunOutputSummary.apply(outcome.stdout, to: &summary)
        logStderr(stderr, level: summary.result == .success ? .debug : .warning)
        return summary
    }

    /// The child's stderr is one line per problem; forwarded so it reaches the service's log
    /// format (a bounded number of lines, so a runaway child cannot flood the log).
    private func logStderr(_ lines: [String], level: Logger.Level) {
        for line in lines.prefix(200) where !line.isEmpty {
            logger.log(level: level, "run: \(line)", metadata: ["reconcile.child": "run"])
        }
    }
}
