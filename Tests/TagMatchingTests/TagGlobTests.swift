import Testing

@testable import TagMatching

/// Expected answers follow Go's `path/filepath.Match`, which Image Updater uses for `ignore-tags`.
struct TagGlobTests {
    static let cases: [(pattern: String, tag: String, matches: Bool)] = [
        ("*", "anything", true),
        ("*", "", true),
        ("**", "abc", true),
        ("*", "a/b", false),  // * never crosses /
        ("a*b", "a/b", false),
        ("a[/]b", "a/b", true),
        ("?", "/", false),
        ("latest", "latest", true),
        ("latest", "latest2", false),
        ("latest", "Latest", false),
        ("v1.*", "v1.2.3", true),
        ("v1.*", "v2.0", false),
        ("v1.*", "v1x2", false),
        ("*-rc*", "1.2.3-rc.1", true),
        ("*-rc*", "1.2.3", false),
        ("*.*.*", "1.2.3", true),
        ("*.*.*", "1.2", false),
        ("feature-*", "feature-x-1a2b3c4", true),
        ("feature-*", "main-b99bc73", false),
        ("main-???????", "main-b99bc73", true),
        ("main-??????", "main-b99bc73", false),
        ("?", "é", true),
        ("??", "é", false),
        ("[abc]*", "b1", true),
        ("[^abc]*", "b1", false),
        ("[^abc]*", "d1", true),
        ("[a-c]x", "bx", true),
        ("[a-c]x", "dx", false),
        ("[!a]", "!", true),  // Go negates with ^, so ! is a member
        ("[!a]", "b", false),
        ("[z-a]", "m", false),  // a reversed range is valid and empty
        ("[\\]]", "]", true),
        ("[\\-]", "-", true),
        ("[a\\-z]", "b", false),
        ("\\*", "*", true),
        ("\\*", "a", false),
        ("\\?", "?", true),
        ("", "", true),
        ("", "a", false),
        ("*a*a*a*a*a*b", String(repeating: "a", count: 100), false),
        ("*sha-*", "build-sha-1234", true),
        ("*[0-9]", "v10", true),
    ]

    @Test(arguments: cases)
    func matchesLikeGoFilepathMatch(_ pattern: String, _ tag: String, _ matches: Bool) throws {
        let glob = try TagGlob(pattern)
        #expect(glob.matches(tag) == matches)
        #expect(glob.pattern == pattern)
    }

    static let malformed = ["[", "[]", "[]a]", "[a", "[a-", "[a-]", "[^]", "[-a]", "a\\", "[\\", "x[a-b"]

    @Test(arguments: malformed)
    func refusesMalformedPatterns(_ pattern: String) {
        do {
            _ = try TagGlob(pattern)
            Issue.record("expected \(pattern) to be refused")
        } catch {
            #expect(error.description.hasPrefix("invalid glob \""))
            #expect(error.description.contains("syntax error in pattern"))
        }
    }
}
