import Testing

@testable import TagMatching

/// Patterns that take exponential time in backtracking engines must finish here; the matcher is
/// linear in the text, so these only assert the answer.
struct CatastrophicRegexTests {
    static let long = String(repeating: "a", count: 10_000)
    static let longX = String(repeating: "x", count: 10_000)

    static let cases: [(pattern: String, text: String, matches: Bool)] = [
        ("(a+)+$", long + "!", false),
        ("^(a+)+$", long + "b", false),
        ("^(a+)+$", long, true),
        ("(a|a)*b", long, false),
        ("(a|aa)*c", long, false),
        ("(a*)*c", long, false),
        ("(a*)*$", long, true),
        ("(x+x+)+y", longX, false),
        ("(x+x+)+y", longX + "y", true),
        ("^(\\w+\\s?)*$", long + "!", false),
        ("(.*a){20}", String(repeating: "b", count: 10_000), false),
        ("(.*a){20}", long, true),
        ("^(a?){50}a{50}$", String(repeating: "a", count: 50), true),
        ("(?i)(A+)+B", long, false),
        ("([a-z]+[0-9]*)+-$", long, false),
    ]

    @Test(arguments: cases)
    func finishesWithTheRightAnswer(_ pattern: String, _ text: String, _ matches: Bool) throws {
        #expect(try SafeRegex(pattern).matches(text) == matches)
    }
}
