import Foundation

/// One image of an Application moving from one tag to another.
public struct ImageChange: Sendable, Equatable {
    /// The image-list alias (or the image name when the entry has none).
    public var alias: String
    /// Image name without tag, as written in the image-list (e.g. `lyzhang1999/frontend`).
    public var image: String
    /// Current tag, when known.
    public var from: String?
    /// Proposed tag.
    public var to: String
    /// Digest the proposed tag points to (the index digest for multi-arch images).
    public var digest: String?
    /// Build date of the proposed image, from its config blob.
    public var created: Date?
    /// OCI labels of the proposed image (`org.opencontainers.image.source`, `.revision`, ...).
    public var labels: [String: String]
    /// OCI labels of the current image, when it was looked up (for compare links).
    public var previousLabels: [String: String]
    /// Whether the written value pins the digest (`tag@digest`), as Image Updater does for `digest`.
    public var writesDigest: Bool
    /// Where `from` was read (a file relative to the target repository root, or the Application's spec).
    public var fromSource: String?

    public init(
        alias: String, image: String, from: String?, to: String, digest: String?, created: Date? = nil,
        labels: [String: String] = [:], previousLabels: [String: String] = [:], writesDigest: Bool = false,
        fromSource: String? = nil
    ) {
        self.writesDigest = writesDigest
        self.fromSource = fromSource
        self.alias = alias
        self.image = image
        self.from = from
        self.to = to
        self.digest = digest
        self.created = created
        self.labels = labels
        self.previousLabels = previousLabels
    }
}
