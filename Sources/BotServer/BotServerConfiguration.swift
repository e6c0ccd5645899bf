import Engine
import Foundation

/// Everything the service needs besides the worker; built from `argocd-image-pr.yaml`'s
/// `service:` section and the environment.
public struct BotServerConfiguration: Sendable {
    /// Address to bind; `0.0.0.0` in a container, `127.0.0.1` in tests.
    public var host: String
    /// TCP port; 0 lets the kernel choose (tests).
    public var port: Int
    /// Time between full reconciles; the first one runs at start.
    public var interval: Duration
    /// `X-Hub-Signature-256` key; nil answers 503 on `/webhooks/github`.
    public var githubWebhookSecret: WebhookSecret?
    /// Expected `X-Gitlab-Token`; nil answers 503 on `/webhooks/gitlab`.
    public var gitlabWebhookToken: WebhookSecret?
    /// Bearer token (or `?token=`) for `/webhooks/registry`; nil answers 503 there.
    public var registryWebhookToken: WebhookSecret?
    /// Bearer token (or `?token=`) for `POST /trigger`; by default the registry token, since
    /// both are pinged by machines the operator controls (CI jobs, registries).
    public var triggerToken: WebhookSecret?
    /// Largest request body accepted; larger ones get 413.
    public var bodyLimit: Int
    /// How long a graceful shutdown waits for running reconciles before cancelling them.
    public var gracePeriod: Duration
    /// How many webhook delivery ids are remembered for de-duplication.
    public var deliveryMemory: Int
    /// Pushes to branches with this prefix are the bot's own and do not trigger a run.
    public var botBranchPrefix: String

    public init(
        host: String = "0.0.0.0",
        port: Int = 8080,
        interval: Duration = .seconds(300),
        githubWebhookSecret: WebhookSecret? = nil,
        gitlabWebhookToken: WebhookSecret? = nil,
        registryWebhookToken: WebhookSecret? = nil,
        triggerToken: WebhookSecret? = nil,
        bodyLimit: Int = 1 << 20,
        gracePeriod: Duration = .seconds(30),
        deliveryMemory: Int = 4096,
        botBranchPrefix: String = "argocd-image-pr/"
    ) {
        self.host = host
        self.port = port
        self.interval = interval
        self.githubWebhookSecret = githubWebhookSecret
        self.gitlabWebhookToken = gitlabWebhookToken
        self.registryWebhookToken = registryWebhookToken
        self.triggerToken = triggerToken ?? registryWebhookToken
        self.bodyLimit = bodyLimit
        self.gracePeriod = gracePeriod
        self.deliveryMemory = deliveryMemory
        self.botBranchPrefix = botBranchPrefix
    }

    /// Reads interval, webhook secrets (from the environment variables the configuration
    /// names) and the bot's branch prefix.
    public init(
        _ bot: BotConfiguration,
        port: Int,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let service = bot.service
        self.init(
            port: port,
            interval: .seconds(max(1, service.intervalSeconds)),
            githubWebhookSecret: .fromEnvironment(service.githubWebhookSecretEnv, environment: environment),
            gitlabWebhookToken: .fromEnvironment(service.gitlabWebhookTokenEnv, environment: environment),
            registryWebhookToken: .fromEnvironment(service.registryWebhookTokenEnv, environment: environment),
            botBranchPrefix: bot.pullRequests.branchPrefix
        )
    }
}
