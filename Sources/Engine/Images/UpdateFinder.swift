import Foundation
import ImageRef
import OCIRegistry
import UpdatePolicy

/// Asks the registry about one image and lets the policy choose, fetching only what the
/// strategy needs (dates only for newest-build) plus the chosen image's labels for PR bodies.
struct UpdateFinder: Sendable {
    /// The policy's answer and, for a chosen tag, what the registry says about it.
    struct Outcome: Sendable {
        var selection: Selection
        /// The chosen tag resolved with metadata (created, labels), when there is one.
        var chosen: ResolvedImage?
        /// Tags the registry listed (before filters).
        var listedCount: Int
    }

    let registry: RegistryClient
    let selector = TagSelector()

    func find(
        _ reference: ImageReference,
        policy: ImagePolicy,
        platforms: [Platform],
        pullSecret: String?,
        current: String?,
        currentDigest: String?,
        wantLabels: Bool,
        sharing: (selections: SharedSelections, key: SharedSelections.Key)? = nil
    ) async throws -> Outcome {
        let registry = self.registry
        let selector = self.selector
        let compute: @Sendable () async throws -> SharedSelections.Best = {
            let tags = try await registry.listTags(reference, pullSecret: pullSecret)
            let needsDates = policy.strategy == .newestBuild
            let best = try await selector.best(tags: tags, policy: policy) { tag in
                guard
                    let resolved = try await registry.resolve(
                        reference, tag: tag, platforms: platforms, metadata: needsDates, pullSecret: pullSecret,
                        remember: false)
                else {
                    return .notCandidate
                }
                return TagMetadata(digest: resolved.digest, created: resolved.created)
            }
            return SharedSelections.Best(selection: best, listedCount: tags.count)
        }
        let best =
            if let sharing {
                try await sharing.selections.best(for: sharing.key, compute: compute)
            } else {
                try await compute()
            }
        let selection = best.selection.judged(current: current, currentDigest: currentDigest, policy: policy)
        var chosen: ResolvedImage?
        if wantLabels, selection.isUpdate, let tag = selection.chosen?.tag {
            chosen = try await registry.resolve(
                reference, tag: tag, platforms: platforms, metadata: true, pullSecret: pullSecret)
        }
        return Outcome(selection: selection, chosen: chosen, listedCount: best.listedCount)
    }
}
