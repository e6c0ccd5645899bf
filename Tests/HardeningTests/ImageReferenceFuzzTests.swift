import Foundation
import ImageRef
import Testing

/// Seeded random and mutated image references: parsing never crashes or hangs, errors are one line,
/// and whatever is accepted obeys the OCI grammar (checked here by an independent regular expression).
@Suite("fuzz: image references")
struct ImageReferenceFuzzTests {
    let oracle = OCIOracle()

    static let valid = [
        "nginx", "nginx:1.25", "library/nginx:latest", "ghcr.io/org/app:v1.2.3", "127.0.0.1:5000/a/b:main-b99bc73",
        "localhost/x", "registry.example.com:8443/team/app@sha256:" + String(repeating: "ab", count: 32),
        "[::1]:5000/app:1", "quay.io/a/b/c/d:tag_1", "index.docker.io/user/app",
    ]
    static let pieces =
        HostilePieces.characters + [
            "nginx", "library", "ghcr.io", "localhost", ":5000", "@sha256:", String(repeating: "a", count: 64), "..",
            "__", "--", "//", "[::1]", "v1.2.3", String(repeating: "x", count: 130),
        ]

    func checkAccepted(_ reference: ImageReference, input: String) {
        if let tag = reference.tag {
            #expect(oracle.isTag(tag), "accepted tag \(tag.debugDescription) from \(input.debugDescription)")
        }
        #expect(oracle.isRepository(reference.repository), "accepted \(reference.repository.debugDescription)")
        if let digest = reference.digest {
            #expect(oracle.isDigest(digest))
        }
        #expect(!reference.description.contains { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true })
        // Normalisation is idempotent: the canonical form parses back to the same reference.
        #expect((try? ImageReference(parsing: reference.description)) == reference, "\(input.debugDescription)")
    }

    @Test("random and mutated references")
    func references() {
        var random = SeededGenerator(seed: 0x1AA6_E5EF)
        var tried = 0
        var accepted = 0
        for round in 0..<6_000 {
            let input: String
            switch round % 3 {
            case 0: input = random.join(Self.pieces, upTo: 12)
            case 1: input = random.mutate(random.element(Self.valid), alphabet: HostilePieces.characters)
            default:
                var text = random.element(Self.valid)
                for _ in 0..<random.below(4) + 1 { text = random.mutate(text, alphabet: Self.pieces) }
                input = text
            }
            tried += 1
            let (result, elapsed) = timed {
                Result { () throws(ImageReferenceError) in try ImageReference(parsing: input) }
            }
            #expect(elapsed < .milliseconds(200), "\(input.debugDescription) took \(elapsed)")
            switch result {
            case .success(let reference):
                accepted += 1
                checkAccepted(reference, input: input)
            case .failure(let error):
                #expect(HostilePieces.isOneSafeLine(error.description), "\(error.description.debugDescription)")
                #expect(error.description.utf8.count < 2_000, "\(error.description)")
            }
        }
        FuzzTally.report("ImageReference(parsing:)", tried: tried, accepted: accepted)
        #expect(accepted > 300, "the generator should produce plenty of valid references")
    }

    @Test("tags given separately: accepted exactly when the OCI tag grammar allows them")
    func separateTags() throws {
        var random = SeededGenerator(seed: 0x7A65)
        let base = try ImageReference(parsing: "ghcr.io/org/app")
        var tried = 0
        var accepted = 0
        let hostile = [
            "a;rm -rf", "$(x)", "x\nkey: v", "../x", "-x", "refs/heads/x", String(repeating: "a", count: 129),
            ".hidden", "a b", "", "a:b", "a@b", "a/b", "\u{0}", "é", "x\u{202E}y",
        ]
        for round in 0..<3_000 {
            let tag = round < hostile.count ? hostile[round] : random.join(HostilePieces.characters, upTo: 10)
            tried += 1
            let expected = oracle.isTag(tag)
            let made = try? base.withTag(tag)
            #expect((made != nil) == expected, "tag \(tag.debugDescription)")
            if made != nil { accepted += 1 }
            #expect(OCIGrammar.isValidTag(tag) == expected, "OCIGrammar on \(tag.debugDescription)")
        }
        FuzzTally.report("ImageReference.withTag / OCIGrammar.isValidTag", tried: tried, accepted: accepted)
    }

    @Test("image-list entries with constraints")
    func specs() {
        var random = SeededGenerator(seed: 0x5BEC)
        let constraintPieces = ["~", "^", ">=", "<", " ", "||", ",", "1", ".2", ".x", "*", "-rc.1", "v", " - "]
        var tried = 0
        var accepted = 0
        for round in 0..<4_000 {
            let input: String
            if round % 2 == 0 {
                input =
                    random.element(Self.valid).split(separator: "@")[0] + ":" + random.join(constraintPieces, upTo: 8)
            } else {
                input = random.mutate(random.element(Self.valid), alphabet: Self.pieces + constraintPieces)
            }
            tried += 1
            let (result, elapsed) = timed { Result { () throws(ImageReferenceError) in try ImageSpec(parsing: input) } }
            #expect(elapsed < .milliseconds(200))
            switch result {
            case .success(let spec):
                accepted += 1
                if let tag = spec.tag { #expect(oracle.isTag(tag)) }
                #expect(spec.reference.tag == nil)
                #expect((try? ImageSpec(parsing: spec.description)) == spec, "\(input.debugDescription)")
            case .failure(let error):
                #expect(HostilePieces.isOneSafeLine(error.description), "\(error.description.debugDescription)")
            }
        }
        FuzzTally.report("ImageSpec(parsing:)", tried: tried, accepted: accepted)
        #expect(accepted > 500)
    }

    @Test("very long input is refused quickly")
    func longInput() {
        for length in [1_025, 10_000, 1_000_000] {
            let text = String(repeating: "a", count: length)
            for input in [text, "ghcr.io/" + text, "nginx:" + text, "nginx@" + text] {
                let (result, elapsed) = timed {
                    Result { () throws(ImageReferenceError) in try ImageReference(parsing: input) }
                }
                guard case .failure(let error) = result else {
                    Issue.record("accepted \(input.prefix(20))…")
                    continue
                }
                #expect(error.description.utf8.count < 2_000)
                #expect(elapsed < .seconds(1))
            }
        }
    }
}
