import Foundation
import ImageRef

/// What a tag (or digest) points to in the registry.
public struct ResolvedImage: Sendable, Equatable {
    /// The image pinned: `registry/repository:tag@digest`.
    public let reference: ImageReference
    /// The digest the tag points to — for a multi-arch image the index digest — i.e. what `image:tag@digest` pins.
    public let digest: String
    /// Media type of the manifest or index the tag points to.
    public let mediaType: String
    /// True when the tag points to an index / manifest list.
    public let isMultiPlatform: Bool
    /// Platforms the image offers (attestation entries excluded); empty when a single manifest did not say.
    public let platforms: [Platform]
    /// The platform whose config gave `created` and `labels`, when metadata was fetched.
    public let platform: Platform?
    /// The config's `created` time, when metadata was fetched and the config has one.
    public let created: Date?
    /// The config's labels (`org.opencontainers.image.*` and others), when metadata was fetched.
    public let labels: [String: String]

    /// `org.opencontainers.image.source`.
    public var sourceLabel: String? { labels["org.opencontainers.image.source"] }
    /// `org.opencontainers.image.revision`.
    public var revisionLabel: String? { labels["org.opencontainers.image.revision"] }
    /// `org.opencontainers.image.created`.
    public var createdLabel: String? { labels["org.opencontainers.image.created"] }
}
