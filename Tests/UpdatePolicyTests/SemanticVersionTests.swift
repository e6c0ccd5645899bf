import Testing

@testable import UpdatePolicy

struct SemanticVersionTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        let text: String
        let numbers: [UInt64]
        let prerelease: String
        let metadata: String
        var testDescription: String { "\"\(text)\"" }

        init(_ text: String, _ numbers: [UInt64], pre: String = "", meta: String = "") {
            self.text = text
            self.numbers = numbers
            self.prerelease = pre
            self.metadata = meta
        }
    }

    static let valid: [Parsed] = [
        Parsed("1.2.3", [1, 2, 3]),
        Parsed("v1.2.3", [1, 2, 3]),
        Parsed("1", [1, 0, 0]),
        Parsed("1.2", [1, 2, 0]),
        Parsed("v2", [2, 0, 0]),
        Parsed("0.0.0", [0, 0, 0]),
        Parsed("1.2.3-rc.1", [1, 2, 3], pre: "rc.1"),
        Parsed("1.2.3+build.5", [1, 2, 3], meta: "build.5"),
        Parsed("1.2.3-beta.1+exp.sha.5114f85", [1, 2, 3], pre: "beta.1", meta: "exp.sha.5114f85"),
        Parsed("01.002.0003", [1, 2, 3]),
        Parsed("1.2-beta", [1, 2, 0], pre: "beta"),
        Parsed("1-rc1", [1, 0, 0], pre: "rc1"),
        Parsed("1.2.3-a-b", [1, 2, 3], pre: "a-b"),
        Parsed("1.2.3-rc.1-2", [1, 2, 3], pre: "rc.1-2"),
        Parsed("1.0.0--", [1, 0, 0], pre: "-"),
        Parsed("1.2.3-0a", [1, 2, 3], pre: "0a"),
        Parsed("1.2.3+b.001", [1, 2, 3], meta: "b.001"),
        Parsed("18446744073709551615.0.0", [UInt64.max, 0, 0]),
    ]

    @Test(arguments: valid)
    func parsesLikeMastermindsNewVersion(_ expected: Parsed) throws {
        let version = try #require(SemanticVersion(expected.text))
        #expect([version.major, version.minor, version.patch] == expected.numbers)
        #expect(version.prerelease == expected.prerelease)
        #expect(version.buildMetadata == expected.metadata)
        #expect(version.original == expected.text)
        #expect(version.isPrerelease == !expected.prerelease.isEmpty)
    }

    @Test(arguments: [
        "", "v", "V1.2.3", "vv1", "1.2.3.4", "main-b99bc73", "latest", "feature-x-0a1b2c3", "1.2.3-", "1.2.3+",
        "1.2.3-01", "1.2.3-00", "1.2.3-rc..1", "1.2.3-rc.", "1.2.3_4", " 1.2.3", "1.2.3 ", "18446744073709551616",
        "1.2.x", "1.-2", "v-1", "1.2.3-rc.1+", "１.2.3", "1..2", ".1", "sha256-abc.sig",
    ])
    func rejectsWhatIsNotAVersion(_ text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    /// The precedence example of semver.org §11, extended on both sides.
    static let ascending = [
        "0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
        "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0", "10.0.0",
    ]

    @Test(arguments: ascending.indices)
    func ordersByPrecedence(_ index: Int) throws {
        let version = try #require(SemanticVersion(Self.ascending[index]))
        for (otherIndex, text) in Self.ascending.enumerated() {
            let other = try #require(SemanticVersion(text))
            #expect((version < other) == (index < otherIndex), "\(version) < \(other)")
            #expect((version == other) == (index == otherIndex), "\(version) == \(other)")
        }
    }

    @Test(arguments: [
        ("1.0.0-2", "1.0.0-10"),  // numeric identifiers by value
        ("1.0.0-10", "1.0.0-a"),  // numeric below alphanumeric
        ("1.0.0-BETA", "1.0.0-alpha"),  // ASCII order: upper case first
        ("1.0.0-alpha", "1.0.0-alpha.0"),  // a prefix sorts first
        ("1.0.0-rc.1", "1.0.0-rc.1.1"),
        ("1.0.0-5", "1.0.0-99999999999999999999"),  // too big for UInt64: alphanumeric, as in Masterminds
        ("1.0.0-99999999999999999999", "1.0.0-a"),
        ("1.2.3-rc.9", "1.2.3"),
        ("1.2", "1.2.1"),
    ])
    func ordersPrereleaseIdentifiers(_ lower: String, _ higher: String) throws {
        let low = try #require(SemanticVersion(lower))
        let high = try #require(SemanticVersion(higher))
        #expect(low < high)
        #expect(!(high < low))
        #expect(low != high)
    }

    @Test(arguments: [
        ("v1.2.3", "1.2.3+build.7"), ("1.2", "1.2.0"), ("01.2.3", "1.2.3"), ("1.0.0-rc.1+a", "v1.0.0-rc.1+b"),
    ])
    func ignoresPrefixLeadingZerosAndMetadataInEquality(_ lhs: String, _ rhs: String) throws {
        let left = try #require(SemanticVersion(lhs))
        let right = try #require(SemanticVersion(rhs))
        #expect(left == right)
        #expect(!(left < right) && !(right < left))
        #expect(Set([left, right]).count == 1)
        #expect(left.original == lhs)
    }

    @Test func describesTheNormalizedVersion() throws {
        #expect(try #require(SemanticVersion("v01.2-rc.1+b")).description == "1.2.0-rc.1+b")
    }
}
