import Prometheus

/// The service's Prometheus metrics, all named `argocd_image_pr_*`.
///
/// The engine side may call the `record…` methods directly while it works (registry requests,
/// forge calls, rate limits); pull request and command counts can instead be returned in a
/// ``ReconcileSummary``, which the scheduler records — use one path or the other, not both.
public struct BotMetrics: Sendable {
    /// The registry `/metrics` renders; exposed so other collectors can share it.
    public let registry: PrometheusCollectorRegistry

    static let prefix = "argocd_image_pr"

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        // Families that dashboards expect even before the first event.
        for result in ReconcileSummary.Result.allCases { _ = runs(result) }
        for action in ["opened", "updated", "closed"] { _ = counter(.pullRequests, ["action": action]) }
        for outcome in ["applied", "refused"] { _ = counter(.commands, ["outcome": outcome]) }
        _ = runDuration
    }

    /// One finished reconcile.
    public func recordRun(_ result: ReconcileSummary.Result, duration: Duration) {
        runs(result).increment()
        runDuration.record(duration)
    }

    /// A webhook delivery and what became of it (`queued`, `ignored`, `duplicate`, `rejected`…).
    public func recordWebhook(source: String, result: String) {
        counter(.webhooks, ["source": source, "result": result]).increment()
    }

    /// One registry HTTP request (`status` 0 when no response arrived).
    public func recordRegistryRequest(registry host: String, status: Int) {
        counter(.registryRequests, ["registry": host, "status": String(status)]).increment()
    }

    /// One forge API call (`forge` is `github`/`gitlab` or the API host).
    public func recordForgeCall(forge: String, status: Int) {
        counter(.forgeCalls, ["forge": forge, "status": String(status)]).increment()
    }

    /// The rate-limit quota a forge reported last.
    public func recordRateLimitRemaining(forge: String, remaining: Int) {
        registry.makeGauge(descriptor: Family.rateLimit.descriptor, labels: Self.labels(["forge": forge]))
            .set(Double(remaining))
    }

    /// Pull (merge) requests opened, updated or closed.
    public func recordPullRequests(opened: Int = 0, updated: Int = 0, closed: Int = 0) {
        for (action, count) in [("opened", opened), ("updated", updated), ("closed", closed)] where count > 0 {
            counter(.pullRequests, ["action": action]).increment(by: Int64(count))
        }
    }

    /// Comment commands applied or refused (unauthorized, malformed).
    public func recordCommands(applied: Int = 0, refused: Int = 0) {
        for (outcome, count) in [("applied", applied), ("refused", refused)] where count > 0 {
            counter(.commands, ["outcome": outcome]).increment(by: Int64(count))
        }
    }

    /// Errors by kind (`registry`, `forge`, `git`, `manifest`, `worker`…).
    public func recordError(kind: String, count: Int = 1) {
        guard count > 0 else { return }
        counter(.errors, ["kind": kind]).increment(by: Int64(count))
    }

    /// The counts a worker returned.
    public func record(_ summary: ReconcileSummary) {
        recordPullRequests(
            opened: summary.pullRequestsOpened, updated: summary.pullRequestsUpdated,
            closed: summary.pullRequestsClosed)
        recordCommands(applied: summary.commandsApplied, refused: summary.commandsRefused)
        for (kind, count) in summary.errorsByKind.sorted(by: { $0.key < $1.key }) {
            recordError(kind: kind, count: count)
        }
    }

    /// Prometheus text exposition format.
    public func exposition() -> String { registry.emitToString() }

    // MARK: - Families

    private enum Family {
        case runs, runDuration, webhooks, registryRequests, forgeCalls, rateLimit, pullRequests, commands, errors

        var descriptor: MetricNameDescriptor {
            switch self {
            case .runs: .init(name: "runs", unit: "total", help: "Reconciles finished, by result.")
            case .runDuration: .init(name: "run_duration", unit: "seconds", help: "Reconcile duration.")
            case .webhooks:
                .init(name: "webhook_deliveries", unit: "total", help: "Webhook deliveries by source and result.")
            case .registryRequests:
                .init(name: "registry_requests", unit: "total", help: "Registry HTTP requests by registry and status.")
            case .forgeCalls: .init(name: "forge_calls", unit: "total", help: "Forge API calls by forge and status.")
            case .rateLimit:
                .init(name: "forge_rate_limit_remaining", unit: "", help: "Forge rate-limit quota left, last seen.")
            case .pullRequests:
                .init(name: "pull_requests", unit: "total", help: "Pull requests opened, updated or closed.")
            case .commands: .init(name: "commands", unit: "total", help: "Comment commands applied or refused.")
            case .errors: .init(name: "errors", unit: "total", help: "Errors by kind.")
            }
        }
    }

    private func runs(_ result: ReconcileSummary.Result) -> Counter {
        counter(.runs, ["result": result.rawValue])
    }

    private var runDuration: DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: Family.runDuration.descriptor,
            buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800].map { .seconds($0) })
    }

    private func counter(_ family: Family, _ labels: [String: String]) -> Counter {
        registry.makeCounter(descriptor: family.descriptor, labels: Self.labels(labels))
    }

    /// Sorted, so the same label set always finds the same series; values are cleaned because
    /// they may come from webhook payloads.
    private static func labels(_ labels: [String: String]) -> [(String, String)] {
        labels.sorted { $0.key < $1.key }.map { key, value in
            let cleaned = value.unicodeScalars.map { scalar -> Character in
                scalar == "\"" || scalar == "\\" || scalar.properties.generalCategory == .control
                    ? "_" : Character(scalar)
            }
            return (key, String(cleaned.prefix(128)))
        }
    }
}

extension MetricNameDescriptor {
    fileprivate init(name: String, unit: String, help: String) {
        self.init(namespace: BotMetrics.prefix, metricName: name, unitName: unit, helpText: help)
    }
}
