import Testing

@testable import TagMatching

/// Adversarial allow-tags patterns not in TagMatchingTests (which already fuzz random patterns and the
/// classic catastrophic ones): nesting and size attacks on the compiler, and huge inputs to the matcher.
@Suite("adversarial allow-tags patterns")
struct TagMatchingAdversarialTests {
    static let attacks: [String] = [
        String(repeating: "(", count: 100_000),
        String(repeating: "(?:", count: 50_000) + "a" + String(repeating: ")", count: 50_000),
        String(repeating: "[", count: 100_000),
        "((a{1000}){1000}){1000}",
        "(((a{100}){100}){100}){100}",
        "a{1000}{1000}",
        String(repeating: "a?", count: 100_000) + String(repeating: "a", count: 100_000),
        String(repeating: "\\p{L}", count: 50_000),
        String(repeating: "(a|b|c|d|e)", count: 20_000),
        String(repeating: "x", count: 1_000_000),
        "[" + String(repeating: "a-z", count: 100_000) + "]",
        "(?i)" + String(repeating: "[[:alpha:]]", count: 50_000),
    ]

    @Test("compiling is refused or bounded; matching a long tag stays fast")
    func attacksOnTheCompiler() {
        let tag = String(repeating: "a", count: 128)
        for pattern in Self.attacks {
            let (result, elapsed) = timed { Result { () throws(TagMatchingError) in try SafeRegex(pattern) } }
            #expect(elapsed < .seconds(2), "\(pattern.prefix(30)) compiled in \(elapsed)")
            switch result {
            case .success(let regex):
                let (_, matching) = timed { regex.matches(tag) }
                #expect(matching < .seconds(1), "\(pattern.prefix(30)) matched in \(matching)")
            case .failure(let error):
                #expect(HostilePieces.isOneSafeLine(error.description))
                #expect(error.description.utf8.count < 400)
            }
        }
    }

    @Test("globs with thousands of stars: refused over 4096 characters, bounded below it on the longest tags")
    func starryGlobs() throws {
        // Tags are at most 128 characters (longer ones are dropped before any pattern sees them).
        let tags = (0..<50).map { String(repeating: "a", count: 127) + String($0 % 10) }
        let patterns = [
            String(repeating: "*", count: 4_000) + "c", String(repeating: "*a", count: 2_000) + "c",
            String(repeating: "*a", count: 63) + "c", String(repeating: "*?", count: 127) + "c",
        ]
        for pattern in patterns {
            let glob = try TagGlob(pattern)
            let (matched, elapsed) = timed { tags.contains { glob.matches($0) } }
            #expect(elapsed < .seconds(5), "\(pattern.prefix(12)) took \(elapsed) for \(tags.count) tags")
            #expect(!matched)
        }
        #expect(throws: TagMatchingError.self) { try TagGlob(String(repeating: "*a", count: 2_049)) }
    }
}
