import Testing

@testable import TagMatching

struct TagFilterTests {
    static let seedTags = ["main-b99bc73", "main-1a2b3c4", "feature-x-1a2b3c4", "v1.2.3", "1.2.3-rc.1", "latest"]

    static let cases: [(allow: String?, ignore: [String], allowed: [String])] = [
        ("regexp:^main", [], ["main-b99bc73", "main-1a2b3c4"]),
        (nil, [], seedTags),
        ("any", [], seedTags),
        ("ANY", [], seedTags),
        ("", [], seedTags),
        ("   ", [], seedTags),
        ("regexp:", [], seedTags),
        ("  regexp:^v1  ", [], ["v1.2.3"]),
        ("REGEXP:^v1", [], ["v1.2.3"]),
        ("regexp:^v?[0-9]+\\.[0-9]+\\.[0-9]+$", [], ["v1.2.3"]),
        ("regexp:(?i)^MAIN-", [], ["main-b99bc73", "main-1a2b3c4"]),
        ("regexp:b99", [], ["main-b99bc73"]),
        (nil, ["latest"], ["main-b99bc73", "main-1a2b3c4", "feature-x-1a2b3c4", "v1.2.3", "1.2.3-rc.1"]),
        (nil, ["latest, *-rc*"], ["main-b99bc73", "main-1a2b3c4", "feature-x-1a2b3c4", "v1.2.3"]),
        (nil, ["latest", "feature-*,*-rc.?"], ["main-b99bc73", "main-1a2b3c4", "v1.2.3"]),
        (nil, ["*"], []),
        (nil, ["latest,"], ["main-b99bc73", "main-1a2b3c4", "feature-x-1a2b3c4", "v1.2.3", "1.2.3-rc.1"]),
        ("regexp:^main", ["main-1*"], ["main-b99bc73"]),
        ("regexp:^(main|feature-x)-", ["*-1a2b3c4"], ["main-b99bc73"]),
    ]

    @Test(arguments: cases)
    func filtersTheSeedTags(_ allow: String?, _ ignore: [String], _ allowed: [String]) throws {
        let filter = try TagFilter(allowTags: allow, ignoreTags: ignore)
        #expect(Self.seedTags.filter(filter.allows) == allowed)
    }

    @Test func seedAnnotationAllowsOnlyMainBuilds() throws {
        let filter = try TagFilter(allowTags: "regexp:^main", ignoreTags: [])
        #expect(filter.allows("main-b99bc73"))
        for tag in ["feature-x-1a2b3c4", "v1.2.3", "latest"] {
            #expect(!filter.allows(tag), "\(tag)")
        }
        #expect(!filter.isIgnored("feature-x-1a2b3c4"), "refused by allow-tags, not ignored")
    }

    @Test func isIgnoredReportsOnlyIgnoreTags() throws {
        let filter = try TagFilter(allowTags: "regexp:^v", ignoreTags: [" latest , 1.2.*"])
        #expect(filter.isIgnored("latest"))
        #expect(filter.isIgnored("1.2.3-rc.1"))
        #expect(!filter.isIgnored("v1.2.3"))
        #expect(!filter.allows("latest"))
    }

    @Test func allAllowsEverything() {
        for tag in Self.seedTags + ["", "x/y"] {
            #expect(TagFilter.all.allows(tag))
            #expect(!TagFilter.all.isIgnored(tag))
        }
    }

    @Test func allowTagsCases() throws {
        guard case .any = try AllowTags(parsing: "Any") else {
            Issue.record("Any should parse as .any")
            return
        }
        guard case .regexp(let regex) = try AllowTags(parsing: "regexp: ^main") else {
            Issue.record("expected a regexp")
            return
        }
        // The expression after the colon is kept verbatim, leading space included (as in Go).
        #expect(regex.pattern == " ^main")
        #expect(!regex.matches("main-1"))
        #expect(AllowTags.any.allows("anything"))
    }

    static let badValues: [(allow: String?, ignore: [String], message: String)] = [
        ("semver:1.x", [], "invalid allow-tags value \"semver:1.x\": unknown match function \"semver\""),
        ("any:foo", [], "unknown match function \"any\""),
        ("glob", [], "expected \"regexp:<expression>\" or \"any\""),
        ("regexp:(", [], "invalid regexp \"(\": missing closing )"),
        ("regexp:(?=x)", [], "lookahead and lookbehind are not supported"),
        (nil, ["latest,[abc"], "invalid glob \"[abc\""),
        (nil, ["ok", "a\\"], "invalid glob \"a\\\": syntax error in pattern: trailing backslash"),
    ]

    @Test(arguments: badValues)
    func refusesBadValues(_ allow: String?, _ ignore: [String], _ message: String) {
        do {
            _ = try TagFilter(allowTags: allow, ignoreTags: ignore)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func errorsCompareByValue() {
        func failure(_ value: String) -> TagMatchingError? {
            do {
                _ = try AllowTags(parsing: value)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("regexp:(") == failure("regexp:("))
        #expect(failure("regexp:(") != failure("regexp:)"))
        #expect(failure("regexp:a") == nil)
    }
}
