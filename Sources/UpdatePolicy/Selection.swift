import Foundation

/// The outcome of applying an ``ImagePolicy`` to a registry's tags: the tag the image should be
/// on, and whether that is a change, with the reason when it is not.
public struct Selection: Sendable, Equatable, CustomStringConvertible {
    /// A tag the policy landed on, with what the registry said about it.
    public struct Candidate: Sendable, Equatable {
        public var tag: String
        public var digest: String?
        public var created: Date?

        public init(tag: String, digest: String? = nil, created: Date? = nil) {
            self.tag = tag
            self.digest = digest
            self.created = created
        }
    }

    /// Why no change is proposed.
    public enum Reason: Sendable, Equatable {
        /// The registry listed no tags.
        case noTags
        /// Every tag was removed by `allow-tags`, `ignore-tags` or skips.
        case allFiltered
        /// `semver`: no remaining tag is a version satisfying the constraint.
        case constraintMatchedNothing(constraint: String)
        /// `digest`: the followed tag is not in the registry (or is filtered out).
        case trackedTagMissing(tag: String)
        /// Every candidate lacked a wanted platform, was not an image, or (`newest-build`) had no
        /// creation date.
        case noUsableCandidate
        /// The image is already on the chosen tag (for `digest`: on the digest the tag points to).
        case noneNewerThanCurrent
        /// The image is pinned to the tag it is on.
        case pinned
        /// The pinned tag is not in the registry.
        case pinnedTagMissing(tag: String)
    }

    /// The tag the policy lands on, even when the image is already there; nil when there is none.
    public var chosen: Candidate?
    /// Why nothing changes; nil when ``chosen`` is a change to propose.
    public var reason: Reason?
    /// How many tags passed the filters and the strategy's own test (the constraint for
    /// `semver`, the followed tag for `digest`, usable metadata for `newest-build`).
    public var considered: Int

    public init(chosen: Candidate?, reason: Reason?, considered: Int) {
        self.chosen = chosen
        self.reason = reason
        self.considered = considered
    }

    /// Whether the image should move to ``chosen``.
    public var isUpdate: Bool { chosen != nil && reason == nil }

    /// One line for logs, `plan` and pull-request bodies.
    public var description: String {
        let tag = chosen.map { PolicyError.quoted($0.tag) } ?? "nothing"
        switch reason {
        case nil:
            return "update to \(tag)" + (chosen?.digest.map { " (\($0))" } ?? "")
        case .noTags:
            return "the registry has no tags for this image"
        case .allFiltered:
            return "every tag is excluded by allow-tags, ignore-tags or skips"
        case .constraintMatchedNothing(let constraint):
            return "no tag satisfies the semver constraint \(PolicyError.quoted(constraint))"
        case .trackedTagMissing(let tracked):
            return "the followed tag \(PolicyError.quoted(tracked)) is not in the registry or is filtered out"
        case .noUsableCandidate:
            return "no candidate tag is an image for a wanted platform with the metadata the strategy needs"
        case .noneNewerThanCurrent:
            return "already on \(tag)" + (chosen?.digest.map { " (\($0))" } ?? "") + ", the newest allowed"
        case .pinned:
            return "pinned to \(tag)"
        case .pinnedTagMissing(let pinned):
            return "the pinned tag \(PolicyError.quoted(pinned)) is not in the registry"
        }
    }
}
