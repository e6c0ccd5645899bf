/// Applies an ``ImagePolicy`` to the tags a registry listed, the way Argo CD Image Updater would.
///
/// The registry is consulted only through the `metadata` closure, and only as much as the strategy
/// needs: `semver` and `alphabetical` ask about the best tag (and the next ones only when the
/// registry says a tag is not a candidate), `digest` about the followed tag, `newest-build` about
/// every tag that passed the filters, at most ``maximumConcurrentMetadataRequests`` at a time.
///
/// Like Image Updater, the chosen tag is the best allowed one whatever the current tag is: when the
/// current tag is newer than every allowed tag (outside the constraint, or deleted) the selection
/// moves back to the best allowed tag.
public struct TagSelector: Sendable {
    /// Metadata requests in flight at once for `newest-build`.
    public var maximumConcurrentMetadataRequests: Int

    public init(maximumConcurrentMetadataRequests: Int = 8) {
        self.maximumConcurrentMetadataRequests = max(1, maximumConcurrentMetadataRequests)
    }

    /// Chooses the tag for one image.
    ///
    /// - Parameters:
    ///   - tags: the registry's tags, in any order; duplicates and invalid tag names are ignored.
    ///   - current: the tag the image is on now, if known.
    ///   - currentDigest: the digest the image is on now; only `digest` looks at it.
    ///   - policy: strategy, constraint, filters, pin and skips.
    ///   - metadata: asks the registry about one tag (see ``TagMetadata``); its errors are rethrown.
    /// - Throws: ``PolicyError`` for an invalid semver constraint, or what `metadata` threw.
    public func select(
        tags: [String],
        current: String?,
        currentDigest: String? = nil,
        policy: ImagePolicy,
        metadata: @escaping @Sendable (String) async throws -> TagMetadata
    ) async throws -> Selection {
        try await best(tags: tags, policy: policy, metadata: metadata)
            .judged(current: current, currentDigest: currentDigest, policy: policy)
    }

    /// The tag `policy` lands on whatever the image runs now, so Applications that follow the same
    /// image the same way can share it; ``Selection/judged(current:currentDigest:policy:)`` then says
    /// whether it is a change for one of them.
    public func best(
        tags: [String],
        policy: ImagePolicy,
        metadata: @escaping @Sendable (String) async throws -> TagMetadata
    ) async throws -> Selection {
        let constraint = policy.strategy == .semver ? try policy.versionConstraint() : nil
        var seen = Set<String>()
        let listed = tags.filter { TagOrder.isValidTag($0) && seen.insert($0).inserted }
        guard !listed.isEmpty else { return Selection(chosen: nil, reason: .noTags, considered: 0) }

        if let pinned = policy.pinnedTag {
            guard seen.contains(pinned) else {
                return Selection(chosen: nil, reason: .pinnedTagMissing(tag: pinned), considered: 0)
            }
            let pin = Self.candidate(pinned, try await metadata(pinned))
            return Selection(chosen: pin, reason: nil, considered: 1)
        }

        let allowed = listed.filter { policy.filter.allows($0) && !policy.skippedTags.contains($0) }
        switch policy.strategy {
        case .digest:
            return try await followDigest(policy.trackedTag, allowed, metadata)
        case _ where allowed.isEmpty:
            return Selection(chosen: nil, reason: .allFiltered, considered: 0)
        case .semver:
            let versions = allowed.compactMap(SemanticVersion.init)
                .filter { constraint?.isSatisfied(by: $0) ?? false }
                .sorted(by: TagOrder.byVersion)
            guard !versions.isEmpty else {
                let text = constraint?.text ?? ""
                return Selection(chosen: nil, reason: .constraintMatchedNothing(constraint: text), considered: 0)
            }
            return try await firstUsable(versions.reversed().map(\.original), metadata)
        case .alphabetical:
            return try await firstUsable(allowed.sorted(by: TagOrder.byName).reversed(), metadata)
        case .newestBuild:
            return try await newestBuild(allowed, metadata)
        }
    }

    /// The best tag the registry does not rule out, trying `ranked` best first.
    private func firstUsable(
        _ ranked: [String], _ metadata: @escaping @Sendable (String) async throws -> TagMetadata
    ) async throws -> Selection {
        for tag in ranked {
            let answer = try await metadata(tag)
            if answer.isCandidate {
                return Selection(chosen: Self.candidate(tag, answer), reason: nil, considered: ranked.count)
            }
        }
        return Selection(chosen: nil, reason: .noUsableCandidate, considered: ranked.count)
    }

    /// Image Updater drops tags without a creation date or a wanted platform, then takes the
    /// newest date, ties going to the greatest name.
    private func newestBuild(
        _ allowed: [String], _ metadata: @escaping @Sendable (String) async throws -> TagMetadata
    ) async throws -> Selection {
        let answers = try await MetadataLoader(width: maximumConcurrentMetadataRequests).load(allowed, metadata)
        let dated = answers.compactMap { tag, answer in
            answer.isCandidate ? answer.created.map { (tag: tag, created: $0, answer: answer) } : nil
        }
        guard let newest = dated.max(by: { TagOrder.byDate(($0.tag, $0.created), ($1.tag, $1.created)) }) else {
            return Selection(chosen: nil, reason: .noUsableCandidate, considered: 0)
        }
        return Selection(chosen: Self.candidate(newest.tag, newest.answer), reason: nil, considered: dated.count)
    }

    /// The followed tag and the digest it names now.
    private func followDigest(
        _ tracked: String, _ allowed: [String], _ metadata: @escaping @Sendable (String) async throws -> TagMetadata
    ) async throws -> Selection {
        guard allowed.contains(tracked) else {
            return Selection(chosen: nil, reason: .trackedTagMissing(tag: tracked), considered: 0)
        }
        let answer = try await metadata(tracked)
        guard answer.isCandidate else { return Selection(chosen: nil, reason: .noUsableCandidate, considered: 1) }
        return Selection(chosen: Self.candidate(tracked, answer), reason: nil, considered: 1)
    }

    private static func candidate(_ tag: String, _ answer: TagMetadata) -> Selection.Candidate {
        Selection.Candidate(tag: tag, digest: answer.digest, created: answer.created)
    }
}
