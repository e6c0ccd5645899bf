import Foundation

/// The parts of an image manifest, index or manifest list this client needs.
struct ManifestDocument: Sendable {
    enum Kind: Sendable, Equatable {
        case image(config: Descriptor)
        case index(manifests: [Descriptor])
    }

    struct Descriptor: Sendable, Equatable, Decodable {
        var mediaType: String?
        var digest: String
        var size: Int?
        var platform: PlatformField?

        var interned: Descriptor {
            var copy = self
            copy.mediaType = ManifestDocument.interned(mediaType)
            return copy
        }

        var resolvedPlatform: Platform? {
            guard let platform, let os = platform.os, let architecture = platform.architecture else { return nil }
            return Platform(os: os, architecture: architecture, variant: platform.variant)
        }
    }

    struct PlatformField: Sendable, Equatable, Decodable {
        var os: String?
        var architecture: String?
        var variant: String?
    }

    private struct Raw: Decodable {
        var schemaVersion: Int?
        var mediaType: String?
        var config: Descriptor?
        var manifests: [Descriptor]?
        var annotations: [String: String]?
    }

    static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    static let ociIndex = "application/vnd.oci.image.index.v1+json"
    static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    static let dockerList = "application/vnd.docker.distribution.manifest.list.v2+json"
    /// Every manifest type this client understands, sent as `Accept`.
    static let acceptedMediaTypes = [ociIndex, dockerList, ociManifest, dockerManifest]
    /// Media types a run sees tens of thousands of times; kept as these constants, not one string each.
    static let commonMediaTypes =
        acceptedMediaTypes + [
            "application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json",
        ]

    static func interned(_ mediaType: String?) -> String? {
        guard let mediaType else { return nil }
        return commonMediaTypes.first { $0 == mediaType } ?? mediaType
    }

    let kind: Kind
    let mediaType: String
    let annotations: [String: String]

    /// Decodes `body`; the media type comes from `Content-Type`, else the document's `mediaType`, else its shape.
    init(body: [UInt8], contentType: String?) throws {
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: Data(body))
        } catch {
            throw RegistryError(.malformedResponse(detail: "manifest is not valid JSON of the expected shape"))
        }
        let declared = [contentType, raw.mediaType].lazy.compactMap { $0 }.compactMap { type in
            Self.acceptedMediaTypes.first { $0 == type }
        }.first
        if declared == nil, let other = raw.mediaType ?? contentType, other.contains("manifest.v1") {
            throw RegistryError(.unsupportedMediaType(other))
        }
        if let schemaVersion = raw.schemaVersion, schemaVersion != 2 {
            throw RegistryError(.unsupportedMediaType("schemaVersion \(schemaVersion)"))
        }
        // Only OCI image annotations are ever read (label fallback); the rest would just be kept per run.
        annotations = (raw.annotations ?? [:]).filter { $0.key.hasPrefix("org.opencontainers.image.") }
        switch declared {
        case Self.ociIndex?, Self.dockerList?:
            guard let manifests = raw.manifests else {
                throw RegistryError(.malformedResponse(detail: "index without a manifests list"))
            }
            kind = .index(manifests: manifests.map(\.interned))
        case Self.ociManifest?, Self.dockerManifest?:
            guard let config = raw.config else {
                throw RegistryError(.malformedResponse(detail: "image manifest without a config descriptor"))
            }
            kind = .image(config: config.interned)
        default:
            if let manifests = raw.manifests {
                kind = .index(manifests: manifests.map(\.interned))
            } else if let config = raw.config {
                kind = .image(config: config.interned)
            } else {
                throw RegistryError(
                    .unsupportedMediaType(CredentialSource.quoted(raw.mediaType ?? contentType ?? "unknown"))
                )
            }
        }
        mediaType = declared ?? Self.interned(raw.mediaType) ?? Self.ociManifest
        for descriptor in Self.descriptors(of: kind) where !Digests.isValid(descriptor.digest) {
            throw RegistryError(
                .malformedResponse(detail: "descriptor digest \(CredentialSource.quoted(descriptor.digest)) is invalid")
            )
        }
    }

    var isIndex: Bool {
        if case .index = kind { return true }
        return false
    }

    private static func descriptors(of kind: Kind) -> [Descriptor] {
        switch kind {
        case .image(let config): return [config]
        case .index(let manifests): return manifests
        }
    }
}
