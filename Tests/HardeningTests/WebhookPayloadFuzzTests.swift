import Foundation
import Testing

@testable import BotServer

/// Seeded mutated, random and extreme webhook bodies through the service's decoders (GitHub, GitLab, registry
/// notifications): never a crash or hang, a verdict per body, and a refusal that is one short line naming the source.
@Suite("fuzz: webhook payloads")
struct WebhookPayloadFuzzTests {
    static let prefix = "argocd-image-pr/"

    /// What the service makes of `body` for `event` from `source`, as the route would (after authentication).
    static func decide(
        _ source: WebhookCorpus.Sample.Source, event: String, body: Data
    ) -> Result<
        WebhookDecision, WebhookRejection
    > {
        Result { () throws(WebhookRejection) in
            switch source {
            case .github: return try GitHubWebhook(botBranchPrefix: prefix).decide(event: event, body: body)
            case .gitlab: return try GitLabWebhook(botBranchPrefix: prefix).decide(event: event, body: body)
            case .registry: return try RegistryWebhook().decide(body: body).0
            }
        }
    }

    /// Checks one verdict; returns true when the body was accepted (queued, ignored or answered).
    @discardableResult
    static func check(
        _ source: WebhookCorpus.Sample.Source, event: String, body: Data, limit: Duration = .seconds(2)
    ) -> Bool {
        let (verdict, elapsed) = timed { decide(source, event: event, body: body) }
        #expect(elapsed < limit, "\(source) \(event): \(body.count) bytes took \(elapsed)")
        switch verdict {
        case .success(let decision):
            if case .ignore(let reason) = decision {
                #expect(HostilePieces.isOneSafeLine(reason), "ignore reason \(reason.debugDescription)")
                #expect(reason.utf8.count <= 400, "ignore reason of \(reason.utf8.count) bytes")
            }
            return true
        case .failure(let rejection):
            #expect(rejection.status == .badRequest, "\(rejection)")
            #expect(rejection.description.hasPrefix("\(source) webhook: "), "\(rejection)")
            #expect(HostilePieces.isOneSafeLine(rejection.description), "\(rejection.description.debugDescription)")
            #expect(rejection.description.utf8.count <= 400, "\(rejection.description.prefix(200))…")
            return false
        }
    }

    @Test("every corpus body is accepted as it is")
    func corpusIsValid() {
        for sample in WebhookCorpus.samples {
            #expect(Self.check(sample.source, event: sample.event, body: Data(sample.body.utf8)), "\(sample.event)")
        }
    }

    @Test("mutated bytes, mutated trees, random JSON and truncations")
    func mutatedAndRandom() {
        var mutator = JSONMutator(random: SeededGenerator(seed: 0x3EB4_00C5))
        let trees = WebhookCorpus.samples.map { JSONNode(parsing: $0.body)! }
        let invalidUTF8: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xF4, 0x90, 0x80, 0x80]]
        var tried = 0
        var accepted = 0
        for round in 0..<36_000 {
            let index = round % trees.count
            let sample = WebhookCorpus.samples[index]
            var event = sample.event
            if mutator.random.chance(5) {
                event = mutator.random.element(WebhookCorpus.events[sample.source.rawValue] ?? [event])
            }
            var body: [UInt8]
            switch (round / trees.count) % 5 {
            case 0:
                // Byte edits: any byte, invalid UTF-8 sequences, structural characters.
                body = Array(sample.body.utf8)
                for _ in 0..<mutator.random.below(4) + 1 {
                    let position = mutator.random.below(body.count + 1)
                    let piece =
                        mutator.random.chance(30)
                        ? mutator.random.element(invalidUTF8)
                        : mutator.random.chance(50)
                            ? [mutator.random.element(Array("{}[]\",:\\0tfn-e.".utf8))]
                            : mutator.random.bytes(1)
                    switch mutator.random.below(3) {
                    case 0 where position < body.count: body.remove(at: position)
                    case 1 where position < body.count: body.replaceSubrange(position..<position + 1, with: piece)
                    default: body.insert(contentsOf: piece, at: position)
                    }
                }
            case 1, 2:
                var tree = trees[index]
                for _ in 0..<mutator.random.below(3) + 1 { tree = mutator.mutate(tree) }
                body = Array(tree.text.utf8)
            case 3:
                body = Array(mutator.value(depth: 5).text.utf8)
            default:
                let bytes = Array(sample.body.utf8)
                body = Array(bytes.prefix(mutator.random.below(bytes.count)))
            }
            tried += 1
            if Self.check(sample.source, event: event, body: Data(body)) { accepted += 1 }
        }
        FuzzTally.report("webhook decoders (github, gitlab, registry)", tried: tried, accepted: accepted)
        #expect(accepted > 3_000, "mutations should keep plenty of bodies decodable")
        #expect(tried - accepted > 3_000, "and break plenty of them")
    }

    @Test("deep nesting, huge strings and arrays, odd numbers and encodings")
    func extremeShapes() {
        var bodies: [(String, Data)] = []
        for depth in [600, 10_000, 500_000] {
            bodies.append(("[] depth \(depth)", Data((String(repeating: "[", count: depth) + "]").utf8)))
            let objects = String(repeating: #"{"events":"#, count: depth) + "1" + String(repeating: "}", count: depth)
            bodies.append(("{} depth \(depth)", Data(objects.utf8)))
        }
        let huge = String(repeating: "a", count: 1 << 20)
        bodies.append(("huge action", Data(#"{"action": "\#(huge)", "repository": {"html_url": "x"}}"#.utf8)))
        bodies.append(("huge ref", Data(#"{"ref": "refs/tags/\#(huge)", "project": {"web_url": "x"}}"#.utf8)))
        bodies.append(("huge key", Data(#"{"\#(huge)": 1}"#.utf8)))
        let event = #"{"id":"e","action":"push","target":{"repository":"r/x","tag":"t"}}"#
        let events = Array(repeating: event, count: 20_000).joined(separator: ",")
        bodies.append(("20,000 events", Data(#"{"events": [\#(events)]}"#.utf8)))
        let distinct = (0..<10_000).map { #"{"action":"push","target":{"repository":"r/\#($0)","tag":"t"}}"# }
        bodies.append(("10,000 repositories", Data(#"{"events": [\#(distinct.joined(separator: ","))]}"#.utf8)))
        bodies.append(("big number", Data(#"{"action": "created", "issue": {"number": 1e999999}}"#.utf8)))
        bodies.append(("lone surrogate", Data(#"{"action": "\ud800", "repository": {"html_url": "\udfff"}}"#.utf8)))
        bodies.append(("UTF-16 with BOM", Data([0xFE, 0xFF, 0x00, 0x7B, 0x00, 0x7D])))
        bodies.append(("NUL bytes", Data(repeating: 0, count: 4096)))
        bodies.append(("empty", Data()))
        var tried = 0
        let peakBefore = Self.peakResidentKiB()
        for (name, body) in bodies {
            for source in [WebhookCorpus.Sample.Source.github, .gitlab, .registry] {
                for event in WebhookCorpus.events[source.rawValue] ?? [] {
                    tried += 1
                    let (_, elapsed) = timed { Self.check(source, event: event, body: body, limit: .seconds(10)) }
                    #expect(elapsed < .seconds(10), "\(name) to \(source) \(event)")
                }
            }
        }
        FuzzTally.report("webhook decoders, extreme shapes", tried: tried)
        // Shared with the suites running alongside, so printed rather than asserted.
        print("fuzz: webhook decoders, extreme shapes: peak RSS \(peakBefore) → \(Self.peakResidentKiB()) KiB")
    }

    /// The process's peak resident set (`VmHWM`), in KiB; 0 where /proc is missing.
    static func peakResidentKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
