import Foundation

/// What the registry says about one tag, as far as the policy needs it.
///
/// The registry side answers for the image's wanted platforms: a tag whose index lacks every
/// wanted platform, or whose manifest is not a usable image (for example a signature or an
/// artifact), comes back as ``notCandidate`` rather than as a thrown error. A thrown error means
/// the registry could not be asked (network, auth, limits) and fails the whole selection.
public struct TagMetadata: Sendable, Equatable {
    /// What `image:tag@digest` would pin: the index digest for a multi-arch image.
    public var digest: String?
    /// The image's creation date (for an index, the newest of the wanted platforms).
    public var created: Date?
    /// False when the tag must not be proposed (no wanted platform, not an image).
    public var isCandidate: Bool

    public init(digest: String? = nil, created: Date? = nil, isCandidate: Bool = true) {
        self.digest = digest
        self.created = created
        self.isCandidate = isCandidate
    }

    /// The answer for a tag that exists but must not be proposed.
    public static let notCandidate = TagMetadata(isCandidate: false)
}
