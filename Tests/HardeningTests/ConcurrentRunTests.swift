import Engine
import Foundation
import TestSupport
import Testing

/// Two `run`s at once on the same fleet (one in this process, one the built binary in its own), five rounds in a
/// row, on the fake GitHub and the fake GitLab: whoever loses a push-with-lease race or gets "already exists"
/// converges, so each round ends with exactly one open pull or merge request per Application, saying the newest
/// build, on a branch of one commit on the current base, and nothing closed, duplicated or failed.
@Suite("races: two runs at once", .serialized)
struct ConcurrentRunTests {
    static let rounds = 5

    @Test("two runs at once on GitHub, five rounds")
    func github() async throws { try await twoRunsAtOnce(.github) }

    @Test("two runs at once on GitLab, five rounds")
    func gitlab() async throws { try await twoRunsAtOnce(.gitlab) }

    func twoRunsAtOnce(_ kind: ForgeSettings.Kind) async throws {
        let fleet = try await RaceFleet.make(kind)
        defer { Task { await fleet.stop() } }
        var numbers: [String: Int] = [:]
        var comments: [(String, Int)] = []
        for round in 0..<Self.rounds {
            if round > 0 { try await fleet.pushBuild(tag: RaceFleet.tag(round: round), day: 2 + round) }
            if round == 2 {
                // The base moves too: both runs rebuild every branch on it and race to force-push.
                for name in RaceFleet.repositories.keys {
                    try await fleet.forge.commit(["README.md": "round \(round)\n"], on: "main", in: name)
                }
            }
            if round == 3 {
                // Commands too: both runs answer the same comments at once, racing on the state branch.
                for name in RaceFleet.repositories.keys { await fleet.forge.allowCommenter(in: name) }
                for (name, app, text) in Self.commands {
                    let number = try #require(
                        try await fleet.forge.requests(name).first { $0.head == RaceFleet.prefix + app })
                    comments.append((name, try await fleet.forge.comment(text, on: number.number, in: name)))
                }
            }
            async let inProcess = fleet.run()
            async let process = fleet.runProcess()
            let (result, cli) = try await (inProcess, process)
            #expect(result.plan.allErrors == [], "\(kind) round \(round)")
            #expect(cli.status == 0 && !cli.timedOut && !cli.crashed, "\(kind) round \(round): \(cli.stderr)")
            try await Self.expectConverged(fleet, round: round, numbers: &numbers)
        }
        #expect(await fleet.forge.violations() == [])
        let creates = await fleet.forge.creates()
        print(
            "race: \(kind): \(Self.rounds) rounds, \(creates.tried) creates tried, \(creates.refused) refused as existing"
        )
        // Both runs tried to open the requests of the first round: the "already exists" path really ran.
        #expect(creates.refused > 0 && creates.tried == creates.refused + RaceFleet.repositories.values.joined().count)

        for (name, id) in comments {
            #expect(await fleet.forge.reactions(on: id, in: name).count == 1, "comment \(id) answered once")
        }
        for (name, app, text) in Self.commands {
            let log = try GitFixture.run(
                [
                    "--git-dir", try fleet.forge.gitDirectory(name).path, "log", "--format=%s",
                    RaceFleet.prefix + "state",
                ])
            let commits = log.split(separator: "\n").filter { $0.hasPrefix("\(app): \(text) on ") }
            #expect(commits.count == 1, "one state commit for \(app) \(text): \(log)")
        }

        // Converged for good: a run alone afterwards has nothing to do.
        let quiet = try await fleet.run()
        #expect(quiet.plan.allErrors == [])
        #expect(quiet.actions.map(\.line) == [])
    }

    /// Commented before round 3: alpha holds its backend at round 2's build, echo skips round 3's frontend.
    static let commands = [
        ("charts-a", "alpha", "/pin backend \(RaceFleet.tag(round: 2))"),
        ("charts-b", "echo", "/skip frontend \(RaceFleet.tag(round: 3))"),
    ]

    /// The tag `app` must propose for `image` after `round`.
    static func expectedTag(_ app: String, _ image: String, round: Int) -> String {
        switch (app, image, round) {
        case ("alpha", "backend", 3...): RaceFleet.tag(round: 2)
        case ("echo", "frontend", 3): RaceFleet.tag(round: 2)
        default: RaceFleet.tag(round: round)
        }
    }

    /// One open request per Application with the round's build, numbers kept from the first round, nothing else.
    static func expectConverged(_ fleet: RaceFleet, round: Int, numbers: inout [String: Int]) async throws {
        let tag = RaceFleet.tag(round: round)
        for (name, apps) in RaceFleet.repositories {
            let requests = try await fleet.forge.requests(name)
            let heads = apps.map { RaceFleet.prefix + $0 }.sorted()
            #expect(requests.map(\.head).sorted() == heads, "round \(round) \(name): \(requests.map(\.head))")
            #expect(requests.allSatisfy { $0.open }, "round \(round) \(name): a request was closed")
            let branches = try fleet.forge.branches(name)
            let expected = Set(heads + ["main", RaceFleet.prefix + "state"])
            #expect(Set(branches.keys).isSubset(of: expected), "round \(round) \(name): \(branches.keys.sorted())")
            for app in apps {
                let head = RaceFleet.prefix + app
                guard let request = requests.first(where: { $0.head == head }) else { continue }
                let key = "\(name)/\(app)"
                #expect(numbers[key, default: request.number] == request.number, "\(key) got a new request")
                numbers[key] = request.number
                #expect(request.body.contains("`\(tag)`"), "round \(round) \(key): \(request.body.prefix(300))")
                let override = try fleet.forge.file(".argocd-source-\(app).yaml", on: head, in: name) ?? ""
                let lines = override.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                for image in RaceFleet.images(of: app) {
                    let at = lines.firstIndex { $0.hasSuffix("name: \(image).tag") }
                    let value = at.flatMap { $0 + 1 < lines.count ? lines[$0 + 1] : nil }
                    let expected = Self.expectedTag(app, image, round: round)
                    #expect(value == "value: \(expected)", "round \(round) \(key) \(image):\n\(override)")
                }
                let parents = try fleet.forge.parents(of: head, in: name)
                #expect(parents == [branches["main"] ?? ""], "round \(round) \(key): not one commit on the base")
            }
        }
    }
}
