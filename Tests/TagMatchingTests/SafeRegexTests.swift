import Testing

@testable import TagMatching

/// Expected answers follow Go's `regexp.MatchString` (RE2 semantics), which Argo CD Image Updater uses.
struct SafeRegexTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let pattern: String
        let text: String
        let matches: Bool
        var testDescription: String { "/\(pattern)/ on \"\(text)\" → \(matches)" }
        init(_ pattern: String, _ text: String, _ matches: Bool) {
            self.pattern = pattern
            self.text = text
            self.matches = matches
        }
    }

    static let cases: [Case] = [
        // Literals and unanchored search.
        Case("main", "main-b99bc73", true),
        Case("b99", "main-b99bc73", true),
        Case("main", "feature-x-1a2b3c4", false),
        Case("", "", true),
        Case("", "anything", true),
        Case("abc", "ab", false),
        // Anchors.
        Case("^main", "main-b99bc73", true),
        Case("^main", "not-main", false),
        Case("c73$", "main-b99bc73", true),
        Case("c7$", "main-b99bc73", false),
        Case("^v1.2.3$", "v1.2.3", true),
        Case("^v1\\.2\\.3$", "v1x2x3", false),
        Case("^v1.2.3$", "v1x2x3", true),
        Case("^$", "", true),
        Case("^$", "x", false),
        Case("a$", "a\n", false),  // Go's $ does not match before a final newline
        Case("(?m)a$", "a\nb", true),
        Case("(?m)^b", "a\nb", true),
        Case("^b", "a\nb", false),
        Case("\\Aab", "ab", true),
        Case("(?m)\\Ab", "a\nb", false),
        Case("ab\\z", "xab", true),
        Case("ab\\z", "abx", false),
        Case("^*a", "a", true),
        // Word boundaries (ASCII word characters).
        Case("\\bmain\\b", "main-1", true),
        Case("\\bmain\\b", "mainline", false),
        Case("\\Bain", "main", true),
        Case("\\Bmai", "main", false),
        Case("\\b", "", false),
        Case("\\B", "", true),
        // Dot and newlines.
        Case("a.c", "abc", true),
        Case("a.c", "a\nc", false),
        Case("(?s)a.c", "a\nc", true),
        Case("a.c", "aéc", true),
        Case("^.$", "é", true),
        Case("^..$", "e\u{301}", true),  // one Character, two scalars
        Case("^.$", "😀", true),
        // Classes.
        Case("^[a-f0-9]{7}$", "b99bc73", true),
        Case("^[a-f0-9]{7}$", "b99bc7g", false),
        Case("[^a-z]", "abc", false),
        Case("[^a-z]", "abC", true),
        Case("[^a]", "\n", true),  // Go's negated classes include newline
        Case("[]a]", "]", true),
        Case("[^]a]", "]", false),
        Case("[a-]", "-", true),
        Case("[-a]", "-", true),
        Case("[a-c-e]", "-", true),
        Case("[a-c-e]", "d", false),
        Case("[\\]]", "]", true),
        Case("[\\-]", "-", true),
        Case("[[]", "[", true),
        Case("[\\d.]+", "1.2", true),
        Case("^[\\w-]+$", "main_b-1", true),
        Case("^[\\w-]+$", "main.1", false),
        Case("[\\D]", "1", false),
        Case("[\\S]", " ", false),
        Case("[\\W\\d]", "5", true),
        Case("[[:alpha:]]+", "123", false),
        Case("^[[:alnum:]]+$", "abc123", true),
        Case("^[[:^digit:]]+$", "abc", true),
        Case("^[[:^digit:]]+$", "ab1", false),
        Case("^[[:xdigit:]]+$", "DEADbeef", true),
        Case("[[:punct:]]", "a.b", true),
        Case("[[:upper:][:digit:]]", "a1", true),
        Case("[[:space:]]", "\u{0B}", true),
        Case("\\s", "\u{0B}", false),  // Go's \s excludes \v
        // Perl classes are ASCII only.
        Case("\\d", "٣", false),
        Case("\\w", "é", false),
        Case("\\W", "é", true),
        Case("^\\S+$", "a\tb", false),
        // Unicode classes.
        Case("\\pL", "é", true),
        Case("\\p{Lu}", "abc", false),
        Case("\\p{Lu}", "aBc", true),
        Case("\\PL", "abc", false),
        Case("\\p{^L}", "ab1", true),
        Case("\\p{Nd}", "٣", true),
        Case("[\\p{Lu}\\d]", "5", true),
        Case("\\p{Any}", "\n", true),
        Case("\\p{ASCII}", "é", false),
        // Alternation and groups.
        Case("^(main|master)-", "master-1a2b3c4", true),
        Case("^(main|master)-", "feature-1", false),
        Case("^(?:v|release-)\\d+", "release-12", true),
        Case("^(?P<branch>main)-(?<sha>[0-9a-f]+)$", "main-b99bc73", true),
        Case("a|", "zzz", true),
        Case("|b", "", true),
        Case("()", "", true),
        Case("^(a|b|c)$", "d", false),
        Case("^(ab|a)c$", "ac", true),
        // Repetition.
        Case("^a*$", "", true),
        Case("^a+$", "", false),
        Case("^a?b$", "b", true),
        Case("^a{2}$", "aa", true),
        Case("^a{2}$", "aaa", false),
        Case("^a{2,}$", "aaaaa", true),
        Case("^a{2,}$", "a", false),
        Case("^a{2,3}$", "aaa", true),
        Case("^a{2,3}$", "aaaa", false),
        Case("^a{0}$", "", true),
        Case("^a{0,1}b$", "ab", true),
        Case("^(ab){2}$", "abab", true),
        Case("^a*?b$", "aab", true),
        Case("^a+?$", "aa", true),
        Case("^a??$", "", true),
        Case("^a{1,2}?$", "aa", true),
        Case("^(a*)*$", "aaa", true),
        Case("^(a*)+$", "", true),
        Case("^(?:a?)*b$", "aab", true),
        Case("^(|a)*$", "aa", true),
        Case("a*(?i)*b", "b", true),
        Case("x{1000}", String(repeating: "x", count: 1000), true),
        Case("x{1000}", String(repeating: "x", count: 999), false),
        // `{` that is not a repeat is a literal (Go).
        Case("^a{$", "a{", true),
        Case("^a{,2}$", "a{,2}", true),
        Case("^a{01}$", "a{01}", true),
        Case("^a{1,2$", "a{1,2", true),
        Case("^{$", "{", true),
        Case("^}$", "}", true),
        // Escapes.
        Case("\\.", "a.b", true),
        Case("\\.", "ab", false),
        Case("^\\x41\\x{42}\\103$", "ABC", true),
        Case("\\x{1F600}", "😀", true),
        Case("^\\t\\n\\r\\f\\v\\a$", "\t\n\r\u{0C}\u{0B}\u{07}", true),
        Case("\\0", "\u{0}", true),
        Case("^\\_\\-\\ $", "_- ", true),
        Case("\\Q.*+\\E", "a.*+b", true),
        Case("\\Q.*+\\E", "aaa", false),
        Case("^\\Qa.b", "a.b", true),
        Case("\\Qab\\E+$", "abbb", true),
        // Case-insensitivity.
        Case("(?i)^MAIN", "main-1", true),
        Case("^MAIN", "main-1", false),
        Case("(?i:M)AIN", "mAIN", true),
        Case("(?i:M)AIN", "main", false),
        Case("(?i)k", "\u{212A}", true),  // Kelvin sign folds to k
        Case("(?i)\u{212A}", "k", true),
        Case("(?i)s", "ſ", true),
        Case("(?i)σ", "Σ", true),
        Case("(?i)σ", "ς", true),
        Case("(?i)ß", "ẞ", true),
        Case("(?i)i", "ı", false),  // Turkic dotless i is not in i's fold orbit
        Case("(?i)[a-c]+$", "ABC", true),
        Case("(?i)[^k]", "K", false),
        Case("(?i)[^k]", "\u{212A}", false),
        Case("(?i)\\w", "ſ", true),
        Case("(?i)\\W", "ſ", false),
        Case("(?i)[[:upper:]]", "a", true),
        Case("(?i)\\p{Lu}", "a", true),
        Case("(?i)é", "É", true),
        Case("(?i)a(?-i)b", "Ab", true),
        Case("(?i)a(?-i)b", "AB", false),
        Case("((?i)a)b", "AB", false),
        Case("(?i)(a)b", "AB", true),
        Case("(?im-s)^A.$", "x\na\n", false),
        Case("(?ims)^A.$", "x\na\n", true),
        Case("(?U)a+", "aa", true),
        Case("(?)a", "a", true),
        // Typical tag filters.
        Case("^v?[0-9]+\\.[0-9]+\\.[0-9]+$", "v1.2.3", true),
        Case("^v?[0-9]+\\.[0-9]+\\.[0-9]+$", "1.2.3-rc.1", false),
        Case("^[0-9]+\\.[0-9]+\\.[0-9]+(-rc\\.[0-9]+)?$", "1.2.3-rc.1", true),
        Case("^(main|feature-x)-[0-9a-f]{7}$", "feature-x-1a2b3c4", true),
        Case("^latest$", "latest", true),
        Case("-(alpha|beta|rc)", "2.0.0-beta.1", true),
    ]

    @Test(arguments: cases)
    func matchesLikeGo(_ testCase: Case) throws {
        let regex = try SafeRegex(testCase.pattern)
        #expect(regex.matches(testCase.text) == testCase.matches)
        #expect(regex.pattern == testCase.pattern)
    }
}
