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
    /// Whether the directory held entries when the client started: only then is a HEAD that may spare the
    /// manifest GET worth asking (on a cold cache it would only add a request per tag).
    let isWarm: Bool

    /// Creates the directory now (best effort), so storing an entry is one write and one rename.
    init(directory: URL) {
        self.directory = directory
        let entries = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: nil, options: [.skipsSubdirectoryDescendants])
        isWarm = entries?.contains { ($0 as? URL)?.pathExtension == "json" } ?? false
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func load(digest: String, platformsKey: String) -> Entry? {
        guard let data = try? Data(contentsOf: file(digest: digest, platformsKey: platformsKey)),
            data.count <= Self.maximumEntryBytes,
            let entry = try? JSONDecoder().decode(Entry.self, from: data),
            entry.version == 1
        else { return nil }
        return entry
    }

    /// Best effort: a cache that cannot be written only costs requests next time.
    ///
    /// Written to a temporary file and renamed, so readers never see half an entry; not fsynced, since an
    /// entry lost in a crash is only a miss (and a torn one fails to decode, which is a miss too).
    func store(_ entry: Entry, digest: String, platformsKey: String) {
        guard let data = try? JSONEncoder().encode(entry) else { return }
        let target = file(digest: digest, platformsKey: platformsKey)
        if !Self.write(data, replacing: target) {
            // The directory went away during the run: recreate it once.
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            _ = Self.write(data, replacing: target)
        }
    }

    private static func write(_ data: Data, replacing target: URL) -> Bool {
        let temporary = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).\(getpid()).\(UInt64.random(in: .min ... .max)).tmp"
        ).path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let complete = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
        close(descriptor)
        guard complete, rename(temporary, target.path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    private func file(digest: String, platformsKey: String) -> URL {
        let name = Digests.hex(SHA256.hash(data: Array((digest + "|" + platformsKey).utf8)))
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
