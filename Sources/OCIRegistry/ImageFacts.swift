import Foundation

/// Platforms, build date and labels of one manifest digest: what ``MetadataCache`` keeps.
struct ImageFacts: Sendable {
    var platforms: [Platform]
    var platform: Platform?
    var created: Date?
    var labels: [String: String]
    var isCandidate: Bool

    init(platforms: [Platform], platform: Platform?, created: Date?, labels: [String: String], isCandidate: Bool) {
        self.platforms = platforms
        self.platform = platform
        self.created = created
        self.labels = labels
        self.isCandidate = isCandidate
    }

    init(_ entry: MetadataCache.Entry) {
        platforms = entry.platforms.compactMap { try? Platform(parsing: $0) }
        platform = entry.platform.flatMap { try? Platform(parsing: $0) }
        created = entry.created.map { Date(timeIntervalSince1970: $0) }
        labels = entry.labels
        isCandidate = entry.isCandidate
    }

    var cacheEntry: MetadataCache.Entry {
        MetadataCache.Entry(
            platforms: platforms.map(\.description),
            platform: platform?.description,
            created: created?.timeIntervalSince1970,
            labels: labels,
            isCandidate: isCandidate
        )
    }

    static let preferredDefault = Platform(os: "linux", architecture: "amd64")

    /// Fetches what is needed below `top`: for an index the chosen platform's manifest and config, for an
    /// image its config (when metadata or a platform check needs it).
    static func gather(
        from top: ManifestFetcher.Fetched,
        wanted: [Platform],
        metadata: Bool,
        fetcher: ManifestFetcher
    ) async throws -> ImageFacts {
        switch top.document.kind {
        case .index(let manifests):
            let entries = manifests.filter { $0.resolvedPlatform?.isUnknown != true }
            guard !entries.isEmpty else {
                throw fetcher.decorate(
                    RegistryError(.malformedResponse(detail: "index lists no image manifests")),
                    operation: "GET manifest \(top.digest)"
                )
            }
            let offered = entries.compactMap(\.resolvedPlatform)
            guard let chosen = choose(from: entries, wanted: wanted) else {
                return ImageFacts(platforms: offered, platform: nil, created: nil, labels: [:], isCandidate: false)
            }
            var facts = ImageFacts(
                platforms: offered,
                platform: chosen.resolvedPlatform,
                created: nil,
                labels: [:],
                isCandidate: true
            )
            guard metadata else { return facts }
            let child = try await fetcher.manifest(chosen.digest)
            guard case .image(let configDescriptor) = child.document.kind else {
                throw fetcher.decorate(
                    RegistryError(.malformedResponse(detail: "index entry \(chosen.digest) is not an image manifest")),
                    operation: "GET manifest \(chosen.digest)"
                )
            }
            let config = try await fetcher.config(configDescriptor.digest)
            facts.created = config.created
            facts.labels = merged(config.labels, child.document.annotations)
            return facts
        case .image(let configDescriptor):
            guard metadata || !wanted.isEmpty else {
                return ImageFacts(platforms: [], platform: nil, created: nil, labels: [:], isCandidate: true)
            }
            let config = try await fetcher.config(configDescriptor.digest)
            let offered = config.platform.map { [$0] } ?? []
            if !wanted.isEmpty {
                guard let platform = config.platform, wanted.contains(where: { $0.accepts(platform) }) else {
                    return ImageFacts(platforms: offered, platform: nil, created: nil, labels: [:], isCandidate: false)
                }
            }
            return ImageFacts(
                platforms: offered,
                platform: config.platform,
                created: metadata ? config.created : nil,
                labels: metadata ? merged(config.labels, top.document.annotations) : [:],
                isCandidate: true
            )
        }
    }

    /// The first wanted platform present, in the order wished; without a wish linux/amd64, else the first.
    private static func choose(
        from entries: [ManifestDocument.Descriptor],
        wanted: [Platform]
    ) -> ManifestDocument.Descriptor? {
        if wanted.isEmpty {
            return entries.first { $0.resolvedPlatform.map(preferredDefault.accepts) == true } ?? entries.first
        }
        for wish in wanted {
            if let match = entries.first(where: { $0.resolvedPlatform.map(wish.accepts) == true }) { return match }
        }
        return nil
    }

    /// Config labels win; OCI annotations on the manifest fill in `org.opencontainers.image.*` keys.
    private static func merged(_ labels: [String: String], _ annotations: [String: String]) -> [String: String] {
        var result = labels
        for (key, value) in annotations where key.hasPrefix("org.opencontainers.image.") && result[key] == nil {
            result[key] = value
        }
        return result
    }
}
