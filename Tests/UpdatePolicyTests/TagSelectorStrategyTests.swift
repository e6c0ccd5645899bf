import Foundation
import TagMatching
import Testing
import UpdatePolicy

/// The seed repository's tags: CI pushes `main-<sha>`, a feature branch, releases and `latest`.
func seedRegistry() -> FakeRegistry {
    FakeRegistry([
        FakeRegistry.built(50, "main-b99bc73"),
        FakeRegistry.built(40, "main-0a1b2c3"),
        FakeRegistry.built(50, "main-5d6e7f8"),  // same build as main-b99bc73
        FakeRegistry.built(nil, "main-nodate"),
        FakeRegistry.built(60, "feature-x-1234567"),
        FakeRegistry.built(60, "latest"),  // same build as feature-x-1234567
        FakeRegistry.built(10, "v1.2.3"),
        FakeRegistry.built(5, "1.2.4"),
        FakeRegistry.built(20, "1.2.3-rc.1"),
        FakeRegistry.built(30, "v1.3.0"),
        FakeRegistry.built(35, "2.0.0-beta.1"),
        ("sha256-0123abcd.sig", .notCandidate),
    ])
}

struct TagSelectorStrategyTests {
    @Test func newestBuildWithAllowTagsPicksTheNewestMainBuild() async throws {
        let registry = seedRegistry()
        let filter = try TagFilter(allowTags: "regexp:^main", ignoreTags: [])
        let selection = try await registry.select(ImagePolicy(strategy: .newestBuild, filter: filter))
        // main-b99bc73 and main-5d6e7f8 share a date: the greater name wins, as in Image Updater.
        #expect(selection.chosen?.tag == "main-b99bc73")
        #expect(selection.chosen?.digest == FakeRegistry.digest("main-b99bc73"))
        #expect(selection.chosen?.created == FakeRegistry.epoch.addingTimeInterval(50 * 60))
        #expect(selection.isUpdate)
        #expect(selection.considered == 3)  // main-nodate has no date
        #expect(await registry.calls.sorted() == ["main-0a1b2c3", "main-5d6e7f8", "main-b99bc73", "main-nodate"])
    }

    @Test func newestBuildBreaksDateTiesByGreatestName() async throws {
        let registry = seedRegistry()
        let selection = try await registry.select(ImagePolicy(strategy: .newestBuild))
        #expect(selection.chosen?.tag == "latest")  // beats feature-x-1234567, built at the same time
        #expect(selection.considered == 10)  // not the undated tag nor the signature
        let ignoring = try TagFilter(allowTags: nil, ignoreTags: ["latest"])
        let next = try await registry.select(ImagePolicy(strategy: .newestBuild, filter: ignoring))
        #expect(next.chosen?.tag == "feature-x-1234567")
    }

    @Test func newestBuildWithoutDatedCandidatesHasNoCandidate() async throws {
        let registry = FakeRegistry([FakeRegistry.built(nil, "a"), ("b", .notCandidate)])
        let selection = try await registry.select(ImagePolicy(strategy: .newestBuild))
        #expect(selection.chosen == nil)
        #expect(selection.reason == .noUsableCandidate)
        #expect(selection.considered == 0)
    }

    @Test(
        arguments: [
            (nil, "v1.3.0", 3),  // newest release: no prereleases, no non-version tags
            ("", "v1.3.0", 3),
            ("~1.2", "1.2.4", 2),
            ("1.2.x", "1.2.4", 2),
            ("<1.2.4", "v1.2.3", 1),
            ("^1", "v1.3.0", 3),
            (">=1.2.3-0 <1.2.3", "1.2.3-rc.1", 1),
            ("2.x-0", "2.0.0-beta.1", 1),
            (">=1.0.0-0", "2.0.0-beta.1", 5),  // Masterminds v3: a prerelease of any version
            ("v1.x", "v1.3.0", 3),
        ] as [(String?, String, Int)])
    func semverPicksTheHighestSatisfyingVersion(
        _ constraint: String?, _ expected: String, _ considered: Int
    )
        async throws
    {
        let registry = seedRegistry()
        let selection = try await registry.select(ImagePolicy(constraint: constraint))
        #expect(selection.chosen?.tag == expected)
        #expect(selection.chosen?.digest == FakeRegistry.digest(expected))
        #expect(selection.considered == considered)
        #expect(await registry.calls == [expected])  // only the chosen tag's digest
    }

    @Test func semverWithNothingInRangeAsksNothing() async throws {
        let registry = seedRegistry()
        let selection = try await registry.select(ImagePolicy(constraint: "3.x"))
        #expect(selection.chosen == nil)
        #expect(selection.reason == .constraintMatchedNothing(constraint: "3.x"))
        #expect(selection.description == #"no tag satisfies the semver constraint "3.x""#)
        #expect(await registry.calls.isEmpty)
    }

    @Test func semverRejectsAnInvalidConstraintBeforeAskingAnything() async throws {
        let registry = seedRegistry()
        await #expect(throws: PolicyError.self) { try await registry.select(ImagePolicy(constraint: "~>>1")) }
        #expect(await registry.calls.isEmpty)
    }

    @Test func semverBreaksEqualVersionsByTagBytes() async throws {
        let registry = FakeRegistry([
            FakeRegistry.built(1, "1.2.3"), FakeRegistry.built(2, "v1.2.3"), FakeRegistry.built(3, "1.2.3+b1"),
            FakeRegistry.built(4, "1.2.2"),
        ])
        let selection = try await registry.select(ImagePolicy())
        #expect(selection.chosen?.tag == "v1.2.3")  // "v" sorts after "1"
        #expect(selection.considered == 3)  // "+" is not allowed in an OCI tag: 1.2.3+b1 is ignored
    }

    @Test func alphabeticalPicksTheGreatestNameByBytes() async throws {
        let registry = FakeRegistry([
            FakeRegistry.built(1, "2024-01-05"), FakeRegistry.built(2, "2024-01-10"),
            FakeRegistry.built(3, "2023-12-31"), FakeRegistry.built(4, "Zulu"), FakeRegistry.built(5, "alpha"),
        ])
        let all = try await registry.select(ImagePolicy(strategy: .alphabetical))
        #expect(all.chosen?.tag == "alpha")  // lower case sorts after upper case and digits
        #expect(all.considered == 5)
        let dated = try TagFilter(allowTags: "regexp:^[0-9]{4}-[0-9]{2}-[0-9]{2}$", ignoreTags: [])
        let calver = try await registry.select(ImagePolicy(strategy: .alphabetical, filter: dated))
        #expect(calver.chosen?.tag == "2024-01-10")
        #expect(calver.considered == 3)
        #expect(await registry.calls == ["alpha", "2024-01-10"])
    }

    @Test func digestFollowsLatestWhenNoTagIsGiven() async throws {
        let registry = seedRegistry()
        let moved = try await registry.select(
            ImagePolicy(strategy: .digest), current: "latest", currentDigest: "sha256:old")
        #expect(
            moved.chosen
                == Selection.Candidate(
                    tag: "latest", digest: FakeRegistry.digest("latest"),
                    created: FakeRegistry.epoch.addingTimeInterval(3600)))
        #expect(moved.isUpdate)
        #expect(moved.considered == 1)
        let same = try await registry.select(
            ImagePolicy(strategy: .digest), current: "latest", currentDigest: FakeRegistry.digest("latest"))
        #expect(same.reason == .noneNewerThanCurrent)
        #expect(same.chosen?.tag == "latest")
        #expect(await registry.calls == ["latest", "latest"])
    }

    @Test func digestWithoutACurrentDigestProposesThePinnedDigest() async throws {
        let registry = seedRegistry()
        let selection = try await registry.select(
            ImagePolicy(strategy: .digest, constraint: "v1.2.3"), current: "v1.2.3")
        #expect(selection.isUpdate)
        #expect(selection.chosen?.digest == FakeRegistry.digest("v1.2.3"))
        #expect(await registry.calls == ["v1.2.3"])
    }

    @Test func digestReportsAMissingOrFilteredTrackedTag() async throws {
        let registry = seedRegistry()
        let missing = try await registry.select(ImagePolicy(strategy: .digest, constraint: "stable"))
        #expect(missing.reason == .trackedTagMissing(tag: "stable"))
        let ignored = try TagFilter(allowTags: nil, ignoreTags: ["lat*"])
        let filtered = try await registry.select(ImagePolicy(strategy: .digest, filter: ignored))
        #expect(filtered.reason == .trackedTagMissing(tag: "latest"))
        #expect(await registry.calls.isEmpty)
    }
}
