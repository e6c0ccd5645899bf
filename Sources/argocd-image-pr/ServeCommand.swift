import ArgumentParser
import BotServer
import Engine
import Foundation
import Logging

/// `serve`: the long-running service with scheduler, webhooks and metrics.
///
/// Each reconcile runs as a child `argocd-image-pr run --format json` (see
/// `SubprocessReconcileWorker`), so the service's memory stays flat however long it runs.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run as a service: interval reconciles, webhooks, /healthz and /metrics.",
        discussion: """
            Webhooks: POST /webhooks/github (X-Hub-Signature-256), /webhooks/gitlab (X-Gitlab-Token), \
            /webhooks/registry (Authorization: Bearer or ?token=); an endpoint whose secret variable is \
            unset answers 503. POST /trigger[?repo=URL|image=REPO] queues a run, authenticated with the \
            registry webhook token. GET /healthz, /readyz, /metrics. SIGTERM or SIGINT stops accepting \
            work and lets running reconciles finish for up to 30 seconds.
            """
    )

    /// Log line format.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "Configuration file (default: argocd-image-pr.yaml when present).")
    var config: String?

    @Option(name: .long, help: "TCP port to listen on.")
    var port: Int = 8080

    @Option(name: .long, help: "Log format: text or json (one object per line); default $LOG_FORMAT or text.")
    var logFormat: LogFormat?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let bot: BotConfiguration
        do {
            bot = try ConfigurationLoader.load(path: config)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        let format = logFormat ?? environment["LOG_FORMAT"].flatMap { LogFormat(rawValue: $0.lowercased()) } ?? .text
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "argocd-image-pr.serve")
        let service = bot.service
        let worker = SubprocessReconcileWorker(
            executable: SubprocessReconcileWorker.currentExecutable(), configuration: bot, logger: logger)
        let server = BotServer(
            configuration: BotServerConfiguration(bot, port: port, environment: environment),
            worker: worker,
            secretVariables: (
                service.githubWebhookSecretEnv, service.gitlabWebhookTokenEnv, service.registryWebhookTokenEnv
            ),
            logger: logger)
        try await server.runUntilTerminated()
    }
}
