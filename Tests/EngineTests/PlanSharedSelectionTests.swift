import Foundation
import TestSupport
import Testing

/// Applications that follow the same image the same way share one best tag per plan; each is still
/// judged against what it runs, and a different policy is never served another policy's answer.
@Suite("plan shares best tags between Applications")
struct PlanSharedSelectionTests {
    @Test func sameImageSamePolicyIsJudgedPerApplicationAndOtherPoliciesStayApart() async throws {
        let fixture = try await SeedFixture.make()
        defer { Task { await fixture.stop() } }
        let repoURL = "file://\(fixture.bare.path)"
        let base = SeedFixture.application(name: "twin", registry: fixture.registry.host, repoURL: repoURL)
        // Already on the newest build, said by the Application's own Helm parameters.
        let twin = base.replacingOccurrences(
            of: "    path: .\n",
            with: """
                    path: .
                    helm:
                      parameters:
                      - name: frontend.tag
                        value: \(SeedFixture.newTag)
                      - name: backend.tag
                        value: \(SeedFixture.newTag)

                """)
        // Same image, narrower filter: only the old build is allowed for frontend.
        let narrow = SeedFixture.application(name: "narrow", registry: fixture.registry.host, repoURL: repoURL)
            .replacingOccurrences(
                of: "frontend.allow-tags: regexp:^main", with: "frontend.allow-tags: regexp:^\(SeedFixture.oldTag)$")
        try twin.write(to: fixture.chart.appendingPathComponent("argocd/twin.yaml"), atomically: true, encoding: .utf8)
        try narrow.write(
            to: fixture.chart.appendingPathComponent("argocd/narrow.yaml"), atomically: true, encoding: .utf8)

        let result = try await fixture.plan(["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let apps = try #require(document["applications"] as? [[String: Any]])
        func changes(_ name: String) -> [String] {
            let app = apps.first { $0["name"] as? String == name }
            let list = app?["changes"] as? [[String: Any]] ?? []
            return list.map {
                "\($0["alias"] as? String ?? "?") \($0["from"] as? String ?? "-") -> \($0["to"] as? String ?? "?")"
            }
        }
        let update = "\(SeedFixture.oldTag) -> \(SeedFixture.newTag)"
        #expect(changes("example") == ["frontend \(update)", "backend \(update)"])
        #expect(changes("twin") == [])
        #expect(changes("narrow") == ["backend \(update)"])
    }
}
