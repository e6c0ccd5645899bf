import Foundation

/// The tags of one generated image repository: half semver releases, two fifths `main-<sha>` builds
/// with spread creation dates, the rest noise (`latest`, `stable`, `pr-N`, feature builds, release
/// candidates). Deterministic for a seed and index.
struct ImageRepositoryModel: Sendable {
    /// One tag and the creation date its image config carries.
    struct Tag: Sendable {
        var name: String
        var created: Date
    }

    static let epoch = Date(timeIntervalSince1970: 1_760_000_000)

    let name: String
    let tags: [Tag]

    init(index: Int, tagCount: Int, seed: UInt64) {
        name = "team-\(index % 20)/svc-\(index)"
        var random = SeededGenerator(seed: seed &+ UInt64(index) &* 7919)
        let semverCount = tagCount / 2
        let buildCount = tagCount * 2 / 5
        let noiseCount = max(tagCount - semverCount - buildCount, 2)
        var tags: [Tag] = []
        for i in 0..<semverCount {
            // Versions span 0.0.0 to 3.9.3 whatever the count, so every constraint has matches.
            let p = i * 160 / semverCount
            let version = "\(p / 40).\((p / 4) % 10).\(p % 4)"
            tags.append(Tag(name: version, created: Self.epoch.addingTimeInterval(Double(i) * 3_600)))
        }
        for _ in 0..<buildCount {
            let age = Double(random.next() % (120 * 86_400))
            tags.append(Tag(name: "main-\(random.shortSHA())", created: Self.epoch.addingTimeInterval(age)))
        }
        let newest = Self.epoch.addingTimeInterval(121 * 86_400)
        tags.append(Tag(name: "latest", created: newest))
        tags.append(Tag(name: "stable", created: newest.addingTimeInterval(-86_400)))
        for i in 0..<(noiseCount - 2) {
            let created = Self.epoch.addingTimeInterval(Double(random.next() % (120 * 86_400)))
            let name =
                switch i % 3 {
                case 0: "pr-\(1000 + i)"
                case 1: "feature-x-\(random.shortSHA())"
                default: "\(i / 3).0.0-rc.\(i)"
                }
            tags.append(Tag(name: name, created: created))
        }
        self.tags = tags
    }

    /// Every `main-` build, the candidates of newest-build with `allow-tags: regexp:^main`.
    var buildTags: [Tag] { tags.filter { $0.name.hasPrefix("main-") } }

    /// The oldest build: what newest-build Applications run now, so they all have an update.
    var oldestBuild: String { buildTags.min { $0.created < $1.created }?.name ?? "main-0000000" }
}
