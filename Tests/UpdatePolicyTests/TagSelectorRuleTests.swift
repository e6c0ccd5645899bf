import Foundation
import TagMatching
import Testing
import UpdatePolicy

struct TagSelectorRuleTests {
    @Test func pinHoldsTheImageOnThePinnedTag() async throws {
        let registry = seedRegistry()
        let held = try await registry.select(ImagePolicy(pinnedTag: "v1.2.3"), current: "v1.2.3")
        #expect(held.reason == .pinned)
        #expect(held.chosen?.tag == "v1.2.3")
        #expect(!held.isUpdate)
        #expect(held.description == #"pinned to "v1.2.3""#)
        let moved = try await registry.select(
            ImagePolicy(strategy: .newestBuild, pinnedTag: "main-0a1b2c3"), current: "main-b99bc73")
        #expect(moved.isUpdate)
        #expect(moved.chosen?.tag == "main-0a1b2c3")
        #expect(await registry.calls == ["v1.2.3", "main-0a1b2c3"])  // newest-build asked about nothing else
    }

    @Test func pinToATagTheRegistryLacksIsReported() async throws {
        let registry = seedRegistry()
        let selection = try await registry.select(ImagePolicy(pinnedTag: "v0.9.0"), current: "v1.2.3")
        #expect(selection.reason == .pinnedTagMissing(tag: "v0.9.0"))
        #expect(selection.chosen == nil)
        #expect(await registry.calls.isEmpty)
    }

    @Test(
        arguments: [
            (UpdateStrategy.semver, ["v1.3.0"], "1.2.4"),
            (.semver, ["v1.3.0", "1.2.4", "v1.2.3"], nil),
            (.newestBuild, ["latest"], "feature-x-1234567"),
            (.newestBuild, ["main-b99bc73", "latest", "feature-x-1234567"], "main-5d6e7f8"),
            (.alphabetical, ["v1.3.0"], "v1.2.3"),
            (.digest, ["latest"], nil),
        ] as [(UpdateStrategy, Set<String>, String?)])
    func skippedTagsAreNeverCandidates(
        _ strategy: UpdateStrategy, _ skipped: Set<String>, _ expected: String?
    )
        async throws
    {
        let registry = seedRegistry()
        let selection = try await registry.select(ImagePolicy(strategy: strategy, skippedTags: skipped))
        #expect(selection.chosen?.tag == expected)
        for tag in skipped { #expect(await !registry.calls.contains(tag)) }
    }

    @Test func everyTagFilteredOutAsksNothing() async throws {
        let registry = seedRegistry()
        let filter = try TagFilter(allowTags: "regexp:^release-", ignoreTags: [])
        for strategy in [UpdateStrategy.semver, .newestBuild, .alphabetical] {
            let selection = try await registry.select(ImagePolicy(strategy: strategy, filter: filter))
            #expect(selection.reason == .allFiltered)
            #expect(selection.considered == 0)
        }
        #expect(await registry.calls.isEmpty)
    }

    @Test func anEmptyRegistryHasNoTags() async throws {
        let registry = FakeRegistry([])
        let selection = try await registry.select(ImagePolicy(strategy: .newestBuild))
        #expect(selection.reason == .noTags)
        #expect(selection.description == "the registry has no tags for this image")
    }

    @Test func alreadyOnTheChosenTagIsNotAnUpdate() async throws {
        let registry = seedRegistry()
        let selection = try await registry.select(ImagePolicy(), current: "v1.3.0")
        #expect(selection.reason == .noneNewerThanCurrent)
        #expect(selection.chosen?.tag == "v1.3.0")  // still reported, e.g. for check-image
        #expect(!selection.isUpdate)
        #expect(selection.considered == 3)
    }

    /// Image Updater takes the best allowed tag whatever the current one is, so an image on a tag
    /// newer than every allowed one is moved back.
    @Test func aCurrentTagNewerThanEveryCandidateIsMovedBackLikeImageUpdater() async throws {
        let registry = seedRegistry()
        let selection = try await registry.select(ImagePolicy(constraint: "~1.2"), current: "v1.3.0")
        #expect(selection.chosen?.tag == "1.2.4")
        #expect(selection.isUpdate)
    }

    @Test func tagsTheRegistryRulesOutAreSkippedForTheNextBest() async throws {
        let registry = FakeRegistry([
            ("v1.3.0", .notCandidate), FakeRegistry.built(1, "v1.2.0"), FakeRegistry.built(2, "v1.1.0"),
        ])
        let selection = try await registry.select(ImagePolicy())
        #expect(selection.chosen?.tag == "v1.2.0")
        #expect(await registry.calls == ["v1.3.0", "v1.2.0"])
        let none = FakeRegistry([("v1.3.0", .notCandidate), ("b", .notCandidate)])
        let nothing = try await none.select(ImagePolicy(strategy: .alphabetical))
        #expect(nothing.reason == .noUsableCandidate)
        #expect(nothing.considered == 2)
    }

    @Test func invalidAndDuplicateTagNamesAreIgnored() async throws {
        let long = String(repeating: "a", count: 129)
        let registry = FakeRegistry([
            FakeRegistry.built(9, "-bad"), FakeRegistry.built(9, ".hidden"), FakeRegistry.built(9, long),
            FakeRegistry.built(9, "has space"), FakeRegistry.built(1, "ok_1"), FakeRegistry.built(1, "ok_1"),
        ])
        let selection = try await registry.select(ImagePolicy(strategy: .newestBuild))
        #expect(selection.chosen?.tag == "ok_1")
        #expect(selection.considered == 1)
        #expect(await registry.calls == ["ok_1"])
    }

    @Test func registryErrorsAreRethrown() async throws {
        let registry = FakeRegistry(
            [FakeRegistry.built(1, "a"), FakeRegistry.built(2, "b"), FakeRegistry.built(3, "c")], failing: ["b"])
        await #expect(throws: FakeRegistryError(tag: "b")) {
            try await registry.select(ImagePolicy(strategy: .newestBuild))
        }
        await #expect(throws: FakeRegistryError(tag: "b")) {
            try await registry.select(ImagePolicy(strategy: .digest, constraint: "b"))
        }
    }

    @Test(arguments: [1, 3, 8])
    func newestBuildBoundsConcurrentRequests(_ width: Int) async throws {
        let entries = (0..<24).map { FakeRegistry.built($0, String(format: "main-%07x", $0 * 7919)) }
        let registry = FakeRegistry(entries, delay: .milliseconds(5))
        let selector = TagSelector(maximumConcurrentMetadataRequests: width)
        let selection = try await registry.select(ImagePolicy(strategy: .newestBuild), selector: selector)
        #expect(selection.chosen?.tag == entries.last?.0)
        #expect(selection.considered == 24)
        #expect(await registry.calls.count == 24)
        let overlap = await registry.log.maximumInFlight
        #expect(overlap <= width)
        if width > 1 { #expect(overlap > 1) }
    }

    @Test func descriptionsAreOneLineAndNameTheTag() async throws {
        let registry = seedRegistry()
        let update = try await registry.select(ImagePolicy(strategy: .digest), currentDigest: "sha256:old")
        #expect(update.description == "update to \"latest\" (\(FakeRegistry.digest("latest")))")
        let current = try await registry.select(ImagePolicy(), current: "v1.3.0")
        #expect(current.description.hasPrefix(#"already on "v1.3.0""#))
        let filtered = try await registry.select(ImagePolicy(skippedTags: Set(registry.tags)))
        #expect(filtered.description == "every tag is excluded by allow-tags, ignore-tags or skips")
    }
}
