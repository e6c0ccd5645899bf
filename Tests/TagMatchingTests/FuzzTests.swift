import Testing

@testable import TagMatching

/// Random patterns and inputs from a fixed seed: compiling either succeeds or throws a
/// `TagMatchingError`, and matching never crashes or hangs.
struct FuzzTests {
    /// SplitMix64: tiny, deterministic, good enough to spread choices.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func pick(_ pieces: [String], count: Int) -> String {
            (0..<next(count + 1)).map { _ in pieces[next(pieces.count)] }.joined()
        }
    }

    static let regexPieces = [
        "a", "b", "é", "K", "1", "-", ".", "(", ")", "(?:", "(?i)", "(?P<n>", "(?=", "|", "*", "+", "?", "*?",
        "{2}", "{1,3}", "{,", "{1001}", "[", "]", "[^", "a-z", "[[:alpha:]]", "[:", "^", "$", "\\", "\\d", "\\w",
        "\\b", "\\B", "\\A", "\\z", "\\Q", "\\E", "\\x41", "\\x{", "\\p{L}", "\\pN", "\\1", "}", "\n",
    ]
    static let textPieces = ["a", "b", "A", "é", "1", "-", ".", " ", "\n", "K", "ſ", "aa", "ab"]
    static let globPieces = ["a", "*", "?", "[", "]", "^", "-", "\\", "b", "/", "é", "[a-c]", "z"]

    @Test func randomRegexesCompileOrFailCleanly() {
        var random = Generator(state: 0x5EED)
        var compiled = 0
        for _ in 0..<2_000 {
            let pattern = random.pick(Self.regexPieces, count: 12)
            let text = random.pick(Self.textPieces, count: 30)
            do {
                let regex = try SafeRegex(pattern)
                compiled += 1
                let found = regex.matches(text)
                // Wrapping in a non-capturing group never changes the answer, and an anchored
                // match is also an unanchored one.
                if let grouped = try? SafeRegex("(?:" + pattern + ")") {
                    #expect(grouped.matches(text) == found, "\(pattern) on \(text)")
                }
                if let anchored = try? SafeRegex("^(?:" + pattern + ")"), anchored.matches(text) {
                    #expect(found, "\(pattern) on \(text)")
                }
            } catch {
                #expect(!error.description.isEmpty)
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(compiled > 100, "the generator should produce plenty of valid patterns")
    }

    @Test func randomGlobsParseOrFailCleanly() {
        var random = Generator(state: 0x61_0B)
        var parsed = 0
        for _ in 0..<2_000 {
            let pattern = random.pick(Self.globPieces, count: 8)
            let tag = random.pick(Self.textPieces + ["/", "z", "*"], count: 12)
            do {
                let glob = try TagGlob(pattern)
                parsed += 1
                _ = glob.matches(tag)
                #expect(glob.matches(tag) == (try TagGlob(pattern + "*")).matches(tag) || !glob.matches(tag))
            } catch {
                #expect(error.description.hasPrefix("invalid glob"))
            }
        }
        #expect(parsed > 100)
    }
}
