import Testing

@testable import UpdatePolicy

/// Satisfaction tables written from the Masterminds/semver v3 README and constraint rules.
struct VersionConstraintTests {
    /// `=`, `!=`, `>`, `<`, `>=`/`=>`, `<=`/`=<`, with short forms, `v` and metadata.
    static let comparisons: [(String, String, Bool)] = [
        ("=1.2.3", "1.2.3", true),
        ("1.2.3", "1.2.4", false),
        ("= 1.2.3", "v1.2.3", true),
        ("1.2.3", "1.2.3+build.9", true),
        ("v1.2.3", "1.2.3", true),
        ("!=1.2.3", "1.2.4", true),
        ("!=1.2.3", "1.2.3", false),
        ("!=1.2.x", "1.2.9", false),
        ("!=1.2.x", "1.3.0", true),
        ("!=1.x", "1.9.0", false),
        ("!=1.x", "2.0.0", true),
        ("!=*", "1.2.3", true),
        (">1.2.3", "1.2.4", true),
        (">1.2.3", "1.2.3", false),
        (">1.2", "1.2.9", false),
        (">1.2", "1.3.0", true),
        (">1", "1.9.9", false),
        (">1", "2.0.0", true),
        (">1.x", "2.0.0", true),
        (">1.2.3", "1.2.3+build", false),
        ("<1.2.3", "1.2.2", true),
        ("<1.2.3", "1.2.3", false),
        ("<1.2", "1.1.9", true),
        ("<1.2", "1.2.0", false),
        ("<2.x", "1.99.0", true),
        ("<2.x", "2.0.0", false),
        (">=1.2.3", "1.2.3", true),
        (">=1.2.3", "1.2.2", false),
        ("=>1.2.3", "1.3.0", true),
        (">= 1.2.x", "1.2.0", true),
        (">=v1.2", "v1.3.0", true),
        ("<=1.2.3", "1.2.3", true),
        ("<=1.2.3", "1.2.4", false),
        ("=<1.2.3", "1.2.3", true),
        ("<=2.x", "2.9.9", true),
        ("<=2.x", "3.0.0", false),
        ("<=1.2", "1.2.9", true),
        ("<=1.2", "1.3.0", false),
        ("<=*", "1.0.0", false),
        ("<=*", "0.0.5", true),
    ]

    /// `~`/`~>` and `^` as the Masterminds README spells them out, plus `~0.0.0`, `~*`, `^*`.
    static let tildeAndCaret: [(String, String, Bool)] = [
        ("~1.2.3", "1.2.9", true),
        ("~1.2.3", "1.3.0", false),
        ("~1.2.3", "1.2.2", false),
        ("~1", "1.9.0", true),
        ("~1", "2.0.0", false),
        ("~2.3", "2.3.9", true),
        ("~2.3", "2.4.0", false),
        ("~1.2.x", "1.2.5", true),
        ("~1.x", "1.5.0", true),
        ("~>1.2.3", "1.2.5", true),
        ("~>1.2", "1.3.0", false),
        ("~0.0.0", "1.2.3", true),
        ("~*", "2.1.1", true),
        ("^1.2.3", "1.9.9", true),
        ("^1.2.3", "2.0.0", false),
        ("^1.2.3", "1.2.2", false),
        ("^1.2.x", "1.3.0", true),
        ("^2.3", "2.3.0", true),
        ("^2.3", "3.0.0", false),
        ("^2.x", "2.9.0", true),
        ("^0.2.3", "0.2.9", true),
        ("^0.2.3", "0.3.0", false),
        ("^0.2", "0.2.0", true),
        ("^0.2", "0.3.0", false),
        ("^0.0.3", "0.0.3", true),
        ("^0.0.3", "0.0.4", false),
        ("^0.0", "0.0.9", true),
        ("^0.0", "0.1.0", false),
        ("^0", "0.9.9", true),
        ("^0", "1.0.0", false),
        ("^*", "0.0.0", true),
        ("^*", "1.2.3", false),
    ]

    /// `x`, `X`, `*` in each position; a wildcard makes the later segments irrelevant.
    static let wildcards: [(String, String, Bool)] = [
        ("1.2.x", "1.2.9", true),
        ("1.2.x", "1.3.0", false),
        ("1.2.*", "1.2.0", true),
        ("1.X", "1.9.0", true),
        ("1.x", "2.0.0", false),
        ("*", "4.5.6", true),
        ("x", "0.0.0", true),
        ("X", "10.0.0", true),
        ("1", "1.5.0", true),
        ("1", "2.0.0", false),
        ("1.2", "1.2.7", true),
        ("1.2", "1.3.0", false),
        ("v1.x", "1.0", true),
        ("1.x", "v1.0", true),
        ("*.5", "3.0.0", true),
        ("1.x.5", "1.0.0", true),
    ]

    /// Hyphen ranges (spaces required), `||`, and AND by space or comma.
    static let rangesAndGroups: [(String, String, Bool)] = [
        ("1.2 - 1.4.5", "1.2.0", true),
        ("1.2 - 1.4.5", "1.4.5", true),
        ("1.2 - 1.4.5", "1.4.6", false),
        ("1.2 - 1.4.5", "1.1.9", false),
        ("2.3.4 - 4.5", "4.5.9", true),
        ("2.3.4 - 4.5", "4.6.0", false),
        ("2.3.4 - 4.5", "2.3.3", false),
        ("1.2-1.4.5", "1.2.5", true),
        ("1.2-1.4.5", "1.4.0", false),
        ("1 - 2 || 4 - 5", "3.0.0", false),
        ("1 - 2 || 4 - 5", "4.2.0", true),
        ("1.2.x || >=2.5", "1.2.9", true),
        ("1.2.x || >=2.5", "2.0.0", false),
        ("1.2.x || >=2.5", "2.5.1", true),
        ("<1 || >=3", "0.9.0", true),
        ("<1||>=3", "2.0.0", false),
        (">=1.2 <3", "2.9.0", true),
        (">=1.2 <3", "3.0.0", false),
        (">=1.2, <3", "1.1.0", false),
        (">= 1.2 , < 3.0.0", "2.0.0", true),
        (">= 1.2 < 3.0.0 || >= 4.2.3", "4.2.3", true),
        (">= 1.2 < 3.0.0 || >= 4.2.3", "3.5.0", false),
        ("*", "1.2.3-rc.1", false),
    ]

    /// A prerelease matches only in an OR-branch that names a prerelease itself (any version).
    static let prereleases: [(String, String, Bool)] = [
        ("1.x", "1.2.3-rc.1", false),
        ("<1.2.3", "1.2.3-rc.1", false),
        (">=1.2.3-0", "1.2.3-rc.1", true),
        (">=1.2.3-0", "2.0.0-beta", true),
        ("2.x-0", "2.0.0-rc1", true),
        ("2.x-0", "2.1.0", true),
        ("2.x-0", "3.0.0-rc.1", false),
        ("~1.2.3-beta", "1.2.3-beta.2", true),
        ("~1.2.3-beta", "1.2.3-alpha", false),
        (">=1.2.3-BETA", "1.2.3-alpha", true),
        ("1.2.3-rc.1", "1.2.3-rc.1", true),
        ("1.2.3-rc.1", "1.2.3", false),
        (">=1.0.0-0 <2.0.0 || 3.x", "3.1.0-rc.1", false),
        (">=1.0.0-0 <2.0.0 || 3.x", "1.5.0-rc.1", true),
        ("1.2.x || >=2.0.0-0", "2.1.0-beta", true),
        ("1.2.3+build.1", "1.2.3+build.2", true),
    ]
    @Test(arguments: comparisons + tildeAndCaret + wildcards + rangesAndGroups + prereleases)
    func satisfiesLikeMasterminds(_ constraint: String, _ version: String, _ expected: Bool) throws {
        let parsed = try VersionConstraint(constraint)
        let candidate = try #require(SemanticVersion(version))
        #expect(parsed.isSatisfied(by: candidate) == expected, "\(constraint) on \(version)")
    }

    @Test(arguments: [
        ">=1.2\t<3", ">=1.2\n<3", "  >=1.2  ,  <3  ", ">=1.2,<3", " 1.2 - 2.9 ", "\t~2",
    ])
    func acceptsGoWhitespaceAndCommasAsAnd(_ constraint: String) throws {
        let parsed = try VersionConstraint(constraint)
        #expect(parsed.isSatisfied(by: try #require(SemanticVersion("2.5.0"))))
        #expect(!parsed.isSatisfied(by: try #require(SemanticVersion("3.0.0"))))
    }

    @Test(arguments: [
        "", " ", "abc", ">=", "1.2.3.4", ">> 1", "=>= 1", "1.2 ||", "|| 1.2", "1.2,", ",1.2", "1.2,,1.3", "1x",
        "1.2.3-01", "~ ", "1.2 - ", "- 1.2", "!1.2", "==1.2", "1.2.3-", "latest", "1.x.y", "1|2",
        "18446744073709551616", "V1.2", "v", "1.2.3 -rc", ">=1.2 ||| 2", "^ 1.2 ~", "1 .2", "1.2\u{0B}<3",
    ])
    func rejectsWhatMastermindsRejects(_ constraint: String) {
        #expect {
            try VersionConstraint(constraint)
        } throws: { error in
            let text = String(describing: error)
            return error is PolicyError && text.hasPrefix("invalid semver constraint \"") && !text.contains("\n")
        }
    }

    @Test func namesTheConstraintAndTheBadPart() {
        #expect {
            try VersionConstraint(">=1.2, <1x")
        } throws: { error in
            String(describing: error) == #"invalid semver constraint ">=1.2, <1x": "1x" is not a version"#
        }
    }

    @Test func refusesOverlongInputQuickly() throws {
        let long = String(repeating: ">=1.0 ", count: 400)
        #expect(throws: PolicyError.self) { try VersionConstraint(long) }
        let spaces = String(repeating: " ", count: 1000) + "- 1"
        #expect(throws: PolicyError.self) { try VersionConstraint(spaces) }
        let many = String(repeating: "1 - 2 || ", count: 100) + "3"
        #expect(try VersionConstraint(many).isSatisfied(by: try #require(SemanticVersion("3.0.0"))))
    }

    @Test func anyReleaseIsTheStar() throws {
        let star = try VersionConstraint("*")
        for text in ["0.0.0", "1.2.3", "v99.0", "1.2.3-rc.1", "0.0.1-0"] {
            let version = try #require(SemanticVersion(text))
            #expect(VersionConstraint.anyRelease.isSatisfied(by: version) == star.isSatisfied(by: version))
            #expect(VersionConstraint.anyRelease.isSatisfied(by: version) == !version.isPrerelease)
        }
    }
}
