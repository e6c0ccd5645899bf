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
        wantLabels: Bool
    ) async throws -> Outcome {
        let tags = try await registry.listTags(reference, pullSecret: pullSecret)
        let needsDates = policy.strategy == .newestBuild
        let registry = self.registry
        let selection = try await selector.select(
            tags: tags, current: current, currentDigest: currentDigest, policy: policy
        ) { tag in
            guard
                let resolved = try await registry.resolve(
                    reference, tag: tag, platforms: platforms, metadata: needsDates, pullSecret: pullSecret)
            else {
                return .notCandidate
            }
            return TagMetadata(digest: resolved.digest, created: resolved.created)
        }
        var chosen: ResolvedImage?
        if wantLabels, selection.isUpdate, let tag = selection.chosen?.tag {
            chosen = try await registry.resolve(
                reference, tag: tag, platforms: platforms, metadata: true, pullSecret: pullSecret)
        }
        return Outcome(selection: selection, chosen: chosen, listedCount: tags.count)
    }
}
