import Testing

@testable import TagMatching

/// What RE2 (Go's `regexp.Compile`) refuses must be refused here too, with Go's wording.
struct SafeRegexErrorTests {
    static let syntaxErrors: [(pattern: String, message: String)] = [
        ("(abc", "missing closing ): `(abc`"),
        ("((a)", "missing closing )"),
        ("abc)", "unexpected ): `abc)`"),
        ("[abc", "missing closing ]: `[abc`"),
        ("[]", "missing closing ]"),
        ("[^]", "missing closing ]"),
        ("[a-", "missing closing ]"),
        ("*a", "missing argument to repetition operator: `*`"),
        ("a|*", "missing argument to repetition operator: `*`"),
        ("(*)", "missing argument to repetition operator: `*`"),
        ("(?i)+", "missing argument to repetition operator: `+`"),
        ("{2}", "missing argument to repetition operator: `{2}`"),
        ("a**", "invalid nested repetition operator: `**`"),
        ("a*+", "invalid nested repetition operator: `*+`"),
        ("a+?*", "invalid nested repetition operator: `+?*`"),
        ("a??+", "invalid nested repetition operator"),
        ("a{2}{3}", "invalid nested repetition operator: `{2}{3}`"),
        ("x{1001}", "invalid repeat count: `{1001}`"),
        ("x{0,1001}", "invalid repeat count"),
        ("x{2,1}", "invalid repeat count: `{2,1}`"),
        ("x{99999999999}", "invalid repeat count"),
        ("(x{100}){100}", "invalid repeat count: `{100}`"),
        ("((x{10}){10}){11}", "invalid repeat count"),
        ("(?=a)", "lookahead and lookbehind are not supported"),
        ("a(?!b)", "lookahead and lookbehind are not supported"),
        ("(?<=a)b", "lookahead and lookbehind are not supported"),
        ("(?<!a)b", "lookahead and lookbehind are not supported"),
        ("(a)\\1", "backreferences are not supported"),
        ("\\9", "invalid escape sequence: `\\9`"),
        ("\\8", "invalid escape sequence"),
        ("\\Z", "invalid escape sequence: `\\Z`"),
        ("\\C", "invalid escape sequence: `\\C`"),
        ("\\e", "invalid escape sequence"),
        ("[\\b]", "invalid escape sequence"),
        ("[a-\\d]", "invalid escape sequence"),
        ("\\x{110000}", "invalid escape sequence"),
        ("\\x{}", "invalid escape sequence"),
        ("\\x{41", "invalid escape sequence"),
        ("\\xZZ", "invalid escape sequence"),
        ("\\x4", "invalid escape sequence"),
        ("abc\\", "trailing backslash at end of expression"),
        ("[z-a]", "invalid character class range: `z-a`"),
        ("[[:foo:]]", "invalid character class range: `[:foo:]`"),
        ("\\p{Greek}", "invalid character class range: `\\p{Greek}`"),
        ("\\p{Lu", "invalid character class range"),
        ("\\p", "invalid character class range"),
        ("(?P<>a)", "invalid named capture"),
        ("(?P<na-me>a)", "invalid named capture"),
        ("(?<name", "invalid named capture"),
        ("(?P=name)", "invalid or unsupported Perl syntax: `(?P`"),
        ("(?x)a", "invalid or unsupported Perl syntax: `(?x`"),
        ("(?i-)a", "invalid or unsupported Perl syntax: `(?i-)`"),
        ("(?--i)a", "invalid or unsupported Perl syntax"),
        ("(?#comment)", "invalid or unsupported Perl syntax"),
        ("(?", "invalid or unsupported Perl syntax"),
    ]

    @Test(arguments: syntaxErrors)
    func refusesWhatRE2Refuses(_ pattern: String, _ message: String) {
        do {
            _ = try SafeRegex(pattern)
            Issue.record("expected \(pattern) to be refused")
        } catch {
            #expect(error.description.hasPrefix("invalid regexp \""))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    static let tooLarge: [(pattern: String, message: String)] = [
        (String(repeating: "a", count: 4097), "longer than 4096 characters"),
        (String(repeating: "a{1000}", count: 11), "exceeds 10000 instructions"),
        (String(repeating: "[a-z]{1000}", count: 11), "exceeds 10000 instructions"),
        (String(repeating: "(", count: 101) + String(repeating: ")", count: 101), "more than 100 groups deep"),
    ]

    @Test(arguments: tooLarge)
    func refusesOversizedPatterns(_ pattern: String, _ message: String) {
        do {
            _ = try SafeRegex(pattern)
            Issue.record("expected a pattern of \(pattern.count) characters to be refused")
        } catch {
            #expect(error.description.contains("is too large"))
            #expect(error.description.contains(message), "\(error.description)")
            #expect(error.description.count < 300, "the message stays one short line")
        }
    }

    @Test func acceptsPatternsAtTheLimits() throws {
        // Anchored, so only one thread is alive and the check stays cheap.
        let longest = try SafeRegex("^" + String(repeating: "a", count: 4094) + "b")
        #expect(longest.matches(String(repeating: "a", count: 4094) + "b"))
        #expect(!longest.matches(String(repeating: "a", count: 4095)))
        #expect(try SafeRegex(String(repeating: "(", count: 100) + String(repeating: ")", count: 100)).matches(""))
        #expect(try SafeRegex("(x{10}){100}").matches(String(repeating: "x", count: 1000)))
        #expect(try SafeRegex("x{1000}").matches(String(repeating: "x", count: 1000)))
    }

    @Test func errorsEscapeControlCharacters() {
        do {
            _ = try SafeRegex("a\n(")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("invalid regexp \"a\\n(\""))
        }
    }
}
