import ArgumentParser

/// `serve`: the long-running service with scheduler, webhooks and metrics.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run as a service: interval reconciles, webhooks, /healthz and /metrics."
    )

    @Option(name: .long, help: "Configuration file (default: argocd-image-pr.yaml when present).")
    var config: String?

    @Option(name: .long, help: "TCP port to listen on.")
    var port: Int = 8080

    func run() async throws {
        throw NotYetAvailable.fail("serve")
    }
}
