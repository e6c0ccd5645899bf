import Testing
import UpdatePolicy

/// Seeded random versions and Masterminds-style constraints: no crash, no hang, one-line errors, and
/// the algebra a user relies on (`=v` holds for `v`, `!=v` does not, `a || b` is either) stays true.
@Suite("fuzz: semantic versions and constraints")
struct ConstraintFuzzTests {
    static let numbers = ["0", "1", "2", "10", "007", "99999999999999999999", "18446744073709551615", "x", "X", "*"]
    static let prereleases = ["", "", "", "-rc.1", "-0", "-alpha", "-01", "-a..b", "-", "-beta.2"]
    static let operators = ["", "=", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^"]
    static let separators = [" ", ",", ", ", " || ", "||", " - ", "  ", "\t"]

    static func version(_ random: inout SeededGenerator, wildcards: Bool = true) -> String {
        let pool = wildcards ? numbers : Array(numbers.prefix(6))
        var text = random.chance(20) ? "v" : ""
        text += (0..<(random.below(3) + 1)).map { _ in random.element(pool) }.joined(separator: ".")
        text += random.element(prereleases)
        if random.chance(10) { text += "+build.\(random.below(9))" }
        return text
    }

    static func constraint(_ random: inout SeededGenerator) -> String {
        var text = ""
        for index in 0..<(random.below(4) + 1) {
            if index > 0 { text += random.element(separators) }
            text += random.element(operators) + (random.chance(20) ? " " : "") + version(&random)
        }
        if random.chance(15) { text = random.mutate(text, alphabet: HostilePieces.characters) }
        return text
    }

    @Test("versions: parse or nil; parsed versions round-trip and order consistently")
    func versions() {
        var random = SeededGenerator(seed: 0x5E3E)
        var tried = 0
        var parsed: [SemanticVersion] = []
        for round in 0..<5_000 {
            var text = Self.version(&random, wildcards: false)
            if round % 3 == 0 { text = random.mutate(text, alphabet: HostilePieces.characters) }
            if round % 7 == 0 { text = random.join(HostilePieces.characters + Self.numbers, upTo: 8) }
            tried += 1
            let (version, elapsed) = timed { SemanticVersion(text) }
            #expect(elapsed < .milliseconds(100))
            guard let version else { continue }
            parsed.append(version)
            #expect(version.original == text)
            #expect(SemanticVersion(version.description) == version, "\(text.debugDescription)")
        }
        FuzzTally.report("SemanticVersion(_:)", tried: tried, accepted: parsed.count)
        #expect(parsed.count > 1_000)
        // Ordering is a strict weak order consistent with equality and hashing, on sampled triples.
        for _ in 0..<3_000 {
            let a = random.element(parsed)
            let b = random.element(parsed)
            let c = random.element(parsed)
            #expect(!(a < b && b < a))
            #expect((a == b) == (!(a < b) && !(b < a)), "\(a.original) vs \(b.original)")
            if a == b { #expect(a.hashValue == b.hashValue) }
            if a < b && b < c { #expect(a < c) }
        }
    }

    @Test("constraints: parse or fail in one line, quickly; evaluation never traps")
    func constraints() {
        var random = SeededGenerator(seed: 0xC0_5747)
        let probes = (0..<40).compactMap { _ in SemanticVersion(Self.version(&random, wildcards: false)) }
        var tried = 0
        var accepted = 0
        for _ in 0..<5_000 {
            let text = Self.constraint(&random)
            tried += 1
            let (result, elapsed) = timed {
                Result { () throws(PolicyError) in try VersionConstraint(text) }
            }
            #expect(elapsed < .milliseconds(100), "\(text.debugDescription) took \(elapsed)")
            switch result {
            case .success(let constraint):
                accepted += 1
                for probe in probes { _ = constraint.isSatisfied(by: probe) }
            case .failure(let error):
                #expect(HostilePieces.isOneSafeLine(error.description), "\(error.description.debugDescription)")
                #expect(error.description.utf8.count < 600)
            }
        }
        FuzzTally.report("VersionConstraint(_:)", tried: tried, accepted: accepted)
        #expect(accepted > 1_000)
    }

    @Test("single comparators agree with version order; OR is either side")
    func algebra() throws {
        var random = SeededGenerator(seed: 0xA16E)
        var checked = 0
        while checked < 2_000 {
            guard let version = SemanticVersion(Self.version(&random, wildcards: false)),
                version.description.utf8.count < 60
            else { continue }
            checked += 1
            let plain = version.description
            #expect(try VersionConstraint("=" + plain).isSatisfied(by: version), "=\(plain)")
            #expect(try !VersionConstraint("!=" + plain).isSatisfied(by: version), "!=\(plain)")
            #expect(try !VersionConstraint(">" + plain).isSatisfied(by: version), ">\(plain)")
            #expect(try !VersionConstraint("<" + plain).isSatisfied(by: version), "<\(plain)")
            #expect(try VersionConstraint(">=" + plain).isSatisfied(by: version), ">=\(plain)")
            #expect(try VersionConstraint("<=" + plain).isSatisfied(by: version), "<=\(plain)")

            guard let other = SemanticVersion(Self.version(&random, wildcards: false)) else { continue }
            let left = try VersionConstraint(">=" + plain)
            let right = try VersionConstraint("=" + other.description)
            let either = try VersionConstraint(">=" + plain + " || =" + other.description)
            for probe in [version, other] {
                #expect(either.isSatisfied(by: probe) == (left.isSatisfied(by: probe) || right.isSatisfied(by: probe)))
            }
        }
    }

    @Test("pathological constraint text is refused or parsed within the bound")
    func pathological() {
        let inputs = [
            String(repeating: "1 - ", count: 250) + "1",
            String(repeating: "||", count: 500),
            String(repeating: " ", count: 1_024),
            String(repeating: ">=1.0.0, ", count: 100),
            String(repeating: "1.", count: 511) + "1",
            String(repeating: "9", count: 1_000),
            String(repeating: "a", count: 100_000),
            "1.0.0-" + String(repeating: "a.", count: 400) + "a",
        ]
        for text in inputs {
            let (result, elapsed) = timed { Result { () throws(PolicyError) in try VersionConstraint(text) } }
            #expect(elapsed < .milliseconds(500), "\(text.prefix(20)) took \(elapsed)")
            if case .failure(let error) = result { #expect(HostilePieces.isOneSafeLine(error.description)) }
        }
    }
}
