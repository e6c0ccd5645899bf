import Engine
import Foundation
import TestSupport
import Testing
import Yams

/// The real `serve` (its first scheduled reconcile plus the reconciles comment webhooks queue) and a manual `run`
/// at once, over two rounds of comment commands: every command is answered exactly once, lands in the state branch
/// and is honoured by the next run, and each Application keeps exactly one open request.
@Suite("races: serve and a manual run at once", .serialized)
struct ServeAndRunTests {
    /// A person's command on an Application's request.
    struct Command {
        let repository: String
        let app: String
        let text: String
    }

    /// Commands, then what each Application must propose (image → tag) and what its request body must say.
    struct Round {
        let commands: [Command]
        let proposals: [String: [String: String]]
        let bodies: [String: String]
    }

    static let rounds: [Round] = {
        let (t0, t1, t2) = (RaceFleet.tag(round: 0), RaceFleet.tag(round: 1), RaceFleet.tag(round: 2))
        func both(_ tag: String) -> [String: String] { ["frontend": tag, "backend": tag] }
        return [
            Round(
                commands: [
                    Command(repository: "charts-a", app: "alpha", text: "/pin frontend \(t0)"),
                    Command(repository: "charts-b", app: "delta", text: "/skip frontend \(t1)"),
                ],
                proposals: [
                    "alpha": ["frontend": t0, "backend": t1], "bravo": ["frontend": t1], "charlie": both(t1),
                    "delta": ["frontend": t0], "echo": both(t1),
                ],
                bodies: ["alpha": "**Pinned**: `frontend` at `\(t0)`", "delta": "**Skipped**: `frontend:\(t1)`"]),
            Round(
                commands: [
                    Command(repository: "charts-a", app: "alpha", text: "/unpin frontend"),
                    Command(repository: "charts-a", app: "charlie", text: "/pin backend \(t1)"),
                ],
                proposals: [
                    "alpha": both(t2), "bravo": ["frontend": t2], "charlie": ["frontend": t2, "backend": t1],
                    "delta": ["frontend": t2], "echo": both(t2),
                ],
                bodies: ["charlie": "**Pinned**: `backend` at `\(t1)`"]),
        ]
    }()

    @Test("serve and a manual run at once on GitHub lose no command")
    func github() async throws { try await serveAndRunAtOnce(.github) }

    @Test("serve and a manual run at once on GitLab lose no command")
    func gitlab() async throws { try await serveAndRunAtOnce(.gitlab) }

    func serveAndRunAtOnce(_ kind: ForgeSettings.Kind) async throws {
        let fleet = try await RaceFleet.make(kind)
        defer { Task { await fleet.stop() } }
        #expect(try await fleet.run().plan.allErrors == [])
        for name in RaceFleet.repositories.keys { await fleet.forge.allowCommenter(in: name) }
        var serve: ServeProcess?
        var comments: [(repository: String, id: Int)] = []
        for (index, round) in Self.rounds.enumerated() {
            try await fleet.pushBuild(tag: RaceFleet.tag(round: index + 1), day: 3 + index)
            var deliveries: [(String, [(String, String)], Data)] = []
            var ids: [(repository: String, id: Int)] = []
            for command in round.commands {
                let number = try #require(try await Self.openRequest(fleet, command.repository, command.app)?.number)
                let id = try await fleet.forge.comment("Please.\n\(command.text)", on: number, in: command.repository)
                ids.append((command.repository, id))
                deliveries.append(fleet.forge.delivery(comment: id, on: number, in: command.repository))
            }
            // serve reconciles everything as it starts: started now, its first run races this round's manual run.
            if serve == nil { serve = try await ServeProcess.start(fleet) }
            let service = try #require(serve)
            async let manual = fleet.run()
            for (path, headers, body) in deliveries {
                let (status, text) = try await service.post(path, headers: headers, body: body)
                #expect(status == 202, "\(path): \(text)")
            }
            #expect(try await manual.plan.allErrors == [], "round \(index)")
            try await Self.waitUntilAnswered(fleet, ids, serve: service)
            comments += ids
            // A serve run that planned before this round's build or commands may still be writing: a run that loses a
            // lease race to different content writes its own plan again (the last writer wins), so the check below
            // waits for it; the next run then puts every branch right.
            try await Self.waitUntilIdle(serve: service)

            // The next run honours every command, whoever answered it.
            #expect(try await fleet.run().plan.allErrors == [], "round \(index)")
            try await Self.expectProposals(fleet, round, label: "round \(index)")
        }
        await serve?.stop()
        #expect(serve?.exitedCleanly == true, "\(serve?.logTail() ?? "")")
        // serve's own reconciles (child `run`s) all succeeded too: none lost a race loudly.
        let finished = (try String(contentsOf: try #require(serve).log, encoding: .utf8))
            .split(separator: "\n").filter { $0.contains("reconcile finished") }
        print("race: \(kind): serve finished \(finished.count) reconciles next to the manual runs")
        #expect(finished.count >= 2, "serve's first run and the comment runs")
        #expect(finished.allSatisfy { $0.contains("reconcile.result=success") }, "\(finished.joined(separator: "\n"))")
        let last = try #require(Self.rounds.last)
        try await Self.expectProposals(fleet, last, label: "after serve stopped")
        let positive = kind == .github ? "+1" : "thumbsup"
        for (repository, id) in comments {
            #expect(await fleet.forge.reactions(on: id, in: repository) == [positive], "comment \(id) answered once")
        }
        let stateA = try Self.state(fleet, "charts-a")
        let stateB = try Self.state(fleet, "charts-b")
        #expect(stateA[application: "alpha"].pins == [])
        #expect(
            stateA[application: "charlie"].pins.map { "\($0.alias) \($0.tag)" } == [
                "backend \(RaceFleet.tag(round: 1))"
            ])
        #expect(
            stateB[application: "delta"].skips.map { "\($0.alias) \($0.tag)" } == [
                "frontend \(RaceFleet.tag(round: 1))"
            ])
        // The audit log: one state commit per command, however many runs saw it.
        for command in Self.rounds.flatMap(\.commands) {
            let log = try Self.stateLog(fleet, command.repository)
            let commits = log.filter { $0.hasPrefix("\(command.app): \(command.text) on ") }
            #expect(commits.count == 1, "\(command.app) \(command.text): \(log)")
        }
        let recorded = Set(stateA.processedComments + stateB.processedComments)
        #expect(recorded.isSuperset(of: comments.map(\.id)), "a command was lost")
        #expect(await fleet.forge.violations() == [])
    }

    static func openRequest(_ fleet: RaceFleet, _ repository: String, _ app: String) async throws -> RaceForge.Request?
    {
        try await fleet.forge.requests(repository).first { $0.open && $0.head == RaceFleet.prefix + app }
    }

    /// Waits (up to a minute) until each comment has a reaction, from the manual run or from one of serve's.
    static func waitUntilAnswered(
        _ fleet: RaceFleet, _ ids: [(repository: String, id: Int)], serve: ServeProcess
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        for (repository, id) in ids {
            while await fleet.forge.reactions(on: id, in: repository).isEmpty {
                guard ContinuousClock.now < deadline else {
                    Issue.record("comment \(id) never answered; serve log:\n\(serve.logTail())")
                    return
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Waits (up to a minute) until serve has finished every reconcile it started and starts no other.
    static func waitUntilIdle(serve: ServeProcess) async throws {
        func counts() -> (started: Int, finished: Int) {
            let text = (try? String(contentsOf: serve.log, encoding: .utf8)) ?? ""
            return (
                text.components(separatedBy: "reconcile started").count - 1,
                text.components(separatedBy: "reconcile finished").count - 1
            )
        }
        let deadline = ContinuousClock.now + .seconds(60)
        var quiet = 0
        while quiet < 3 {
            let now = counts()
            quiet = now.started == now.finished ? quiet + 1 : 0
            guard ContinuousClock.now < deadline else {
                Issue.record("serve still busy (\(now)):\n\(serve.logTail())")
                return
            }
            try await Task.sleep(for: .milliseconds(300))
        }
    }

    /// Exactly one request per Application, none closed, each branch's override and body as the round says.
    static func expectProposals(_ fleet: RaceFleet, _ round: Round, label: String) async throws {
        for (name, apps) in RaceFleet.repositories {
            let requests = try await fleet.forge.requests(name)
            #expect(requests.map(\.head).sorted() == apps.map { RaceFleet.prefix + $0 }.sorted(), "\(label) \(name)")
            #expect(requests.allSatisfy { $0.open }, "\(label) \(name): a request was closed")
            for app in apps {
                let head = RaceFleet.prefix + app
                let override = try fleet.forge.file(".argocd-source-\(app).yaml", on: head, in: name) ?? ""
                let lines = override.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                for (image, tag) in round.proposals[app] ?? [:] {
                    let at = lines.firstIndex { $0.hasSuffix("name: \(image).tag") }
                    let value = at.flatMap { $0 + 1 < lines.count ? lines[$0 + 1] : nil }
                    #expect(value == "value: \(tag)", "\(label) \(app) \(image):\n\(override)")
                }
                if let mark = round.bodies[app] {
                    let body = requests.first { $0.head == head }?.body ?? ""
                    #expect(body.contains(mark), "\(label) \(app): \(body.prefix(400))")
                }
            }
        }
    }

    /// Subjects of the state branch's commits, newest first.
    static func stateLog(_ fleet: RaceFleet, _ repository: String) throws -> [String] {
        let directory = try fleet.forge.gitDirectory(repository)
        let output = try GitFixture.run(
            ["--git-dir", directory.path, "log", "--format=%s", RaceFleet.prefix + "state"])
        return output.split(separator: "\n").map(String.init)
    }

    static func state(_ fleet: RaceFleet, _ repository: String) throws -> BotState {
        let text = try #require(try fleet.forge.file("state.yaml", on: RaceFleet.prefix + "state", in: repository))
        return try YAMLDecoder().decode(BotState.self, from: text)
    }
}
