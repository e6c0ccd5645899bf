import Crypto
import Foundation

/// Immutable facts about a manifest digest (platforms, created, labels) kept on disk between runs.
///
/// One small JSON file per digest and platform wish, written to a temporary file and renamed into place;
/// unreadable or corrupt files count as misses and are overwritten.
struct MetadataCache: Sendable {
    struct Entry: Sendable, Codable, Equatable {
        var version = 1
        var platforms: [String]
        var platform: String?
        var created: Double?
        var labels: [String: String]
        /// False when no wanted platform is present (the image is not a candidate).
        var isCandidate: Bool
    }

    static let maximumEntryBytes = 256 * 1024

    let directory: URL

    func load(digest: String, platformsKey: String) -> Entry? {
        guard let data = try? Data(contentsOf: file(digest: digest, platformsKey: platformsKey)),
            data.count <= Self.maximumEntryBytes,
            let entry = try? JSONDecoder().decode(Entry.self, from: data),
            entry.version == 1
        else { return nil }
        return entry
    }

    /// Best effort: a cache that cannot be written only costs requests next time.
    func store(_ entry: Entry, digest: String, platformsKey: String) {
        let target = file(digest: digest, platformsKey: platformsKey)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let data = try JSONEncoder().encode(entry)
            let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
            try data.write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
            }
        } catch {
            return
        }
    }

    private func file(digest: String, platformsKey: String) -> URL {
        let name = SHA256.hash(data: Array((digest + "|" + platformsKey).utf8)).map { String(format: "%02x", $0) }
            .joined()
        return directory.appendingPathComponent(name + ".json")
    }

    /// `$XDG_CACHE_HOME/argocd-image-pr/metadata`, else `~/.cache/argocd-image-pr/metadata`.
    static func defaultDirectory(environment: [String: String]) -> URL {
        let base: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home).appendingPathComponent(".cache")
        }
        return base.appendingPathComponent("argocd-image-pr").appendingPathComponent("metadata")
    }
}
