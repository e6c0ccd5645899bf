import BotServer
import Foundation
import Testing

@Suite("Health, readiness and metrics")
struct HealthAndMetricsTests {
    @Test("/healthz answers 200 while the process is up")
    func healthz() async throws {
        let server = try await RunningServer.start(worker: RecordingWorker())
        let response = try await server.get("/healthz")
        try await server.stop()
        #expect(response.status == 200)
    }

    @Test("/readyz is 200 after a good run and 503 after a failed one")
    func readiness() async throws {
        let good = RecordingWorker()
        let healthy = try await RunningServer.start(worker: good)
        await good.waitFor { $0.first?.finished != nil }
        let ready = try await healthy.get("/readyz")
        try await healthy.stop()

        let failing = RecordingWorker(result: ReconcileSummary(result: .failed))
        let broken = try await RunningServer.start(worker: failing)
        await failing.waitFor { $0.first?.finished != nil }
        try await Task.sleep(for: .milliseconds(100))
        let notReady = try await broken.get("/readyz")
        try await broken.stop()

        #expect(ready.status == 200)
        #expect(notReady.status == 503)
        #expect(notReady.text.contains("last reconcile failed"))
    }

    @Test("/metrics exposes the argocd_image_pr_ families with counts")
    func metrics() async throws {
        let worker = RecordingWorker(
            result: ReconcileSummary(
                result: .success, pullRequestsOpened: 2, commandsApplied: 1, errorsByKind: ["registry": 3]))
        let server = try await RunningServer.start(worker: worker)
        await worker.waitFor { $0.first?.finished != nil }
        _ = try await server.github("ping", "{}")
        _ = try await server.post("/webhooks/gitlab", headers: ["X-Gitlab-Event": "Push Hook"], body: Data("{}".utf8))
        server.metrics.recordRegistryRequest(registry: "registry.local:5000", status: 200)
        try await Task.sleep(for: .milliseconds(100))
        let text = try await server.get("/metrics").text
        try await server.stop()
        for line in [
            #"argocd_image_pr_runs_total{result="success"} 1"#,
            #"argocd_image_pr_runs_total{result="failed"} 0"#,
            "argocd_image_pr_run_duration_seconds_count 1",
            #"argocd_image_pr_webhook_deliveries_total{result="ping",source="github"} 1"#,
            #"argocd_image_pr_webhook_deliveries_total{result="unauthorized",source="gitlab"} 1"#,
            #"argocd_image_pr_pull_requests_total{action="opened"} 2"#,
            #"argocd_image_pr_commands_total{outcome="applied"} 1"#,
            #"argocd_image_pr_errors_total{kind="registry"} 3"#,
            #"argocd_image_pr_registry_requests_total{registry="registry.local:5000",status="200"} 1"#,
        ] {
            #expect(text.contains(line), "missing: \(line)")
        }
    }

    @Test("POST /trigger needs the token and queues a manual or targeted run")
    func manualTrigger() async throws {
        let worker = RecordingWorker()
        let server = try await RunningServer.start(worker: worker)
        await worker.waitFor { $0.first?.finished != nil }
        let denied = try await server.post("/trigger")
        let manual = try await server.post(
            "/trigger", headers: ["Authorization": "Bearer \(RunningServer.registryToken)"])
        let targeted = try await server.post(
            "/trigger?repo=https://github.com/acme/charts&token=\(RunningServer.registryToken)")
        let both = await worker.waitFor {
            $0.contains { $0.trigger == .manual }
                && $0.contains { $0.trigger == .repository(url: "https://github.com/acme/charts") }
        }
        try await server.stop()
        #expect(denied.status == 401)
        #expect(manual.status == 202)
        #expect(targeted.status == 202)
        #expect(both)
    }
}
