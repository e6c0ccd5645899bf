import Testing

@testable import UpdatePolicy

struct UpdateStrategyTests {
    @Test(arguments: [
        ("semver", UpdateStrategy.semver), ("newest-build", .newestBuild), ("latest", .newestBuild),
        ("alphabetical", .alphabetical), ("name", .alphabetical), ("digest", .digest),
        ("SemVer", .semver), ("LATEST", .newestBuild), ("Newest-Build", .newestBuild), ("Name", .alphabetical),
    ])
    func parsesImageUpdaterSpellings(_ name: String, _ expected: UpdateStrategy) throws {
        #expect(try UpdateStrategy(parsing: name) == expected)
    }

    @Test(arguments: ["", "newest", "newest_build", "alpha", "semver ", "lexical", "digests"])
    func rejectsUnknownNamesListingTheValidOnes(_ name: String) {
        #expect {
            try UpdateStrategy(parsing: name)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("\"\(name)\"") && text.contains("semver") && text.contains("newest-build")
                && text.contains("alphabetical") && text.contains("digest") && !text.contains("\n")
        }
    }

    @Test func printsCanonicalNames() {
        #expect(UpdateStrategy.allCases.map(\.description) == ["semver", "newest-build", "alphabetical", "digest"])
    }
}
