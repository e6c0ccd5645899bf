import Crypto
import Foundation

/// The forge benchmark's own registry storage: a hard-linked copy of the cached storage (made once, seconds
/// instead of minutes), to which newer tags are added by creating files only. Existing files are never
/// written, so the shared cache the plan benchmark reads (possibly at the same time) never changes.
struct ForgeRegistryStorage: Sendable {
    /// Tags this benchmark adds start with this, so leftovers of an interrupted run can be removed.
    static let tagPrefix = "main-forgebench-"

    let root: URL

    private var v2: URL { root.appendingPathComponent("docker/registry/v2") }

    /// The copy of `source` at `root`, made with `cp -al` when missing; leftover added tags are removed.
    static func prepare(copying source: URL, to root: URL) throws -> ForgeRegistryStorage {
        let storage = ForgeRegistryStorage(root: root)
        // Not `.complete`: that marker is copied with the storage, possibly before the copy is whole.
        let marker = root.appendingPathComponent(".forge-copy-complete")
        if !FileManager.default.fileExists(atPath: marker.path) {
            try? FileManager.default.removeItem(at: root)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/cp")
            process.arguments = ["-al", source.path, root.path]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BenchError("cp -al \(source.path) \(root.path) failed with status \(process.terminationStatus)")
            }
            _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
        }
        return storage
    }

    /// Removes the tags a run of this benchmark added to these repositories (the blobs stay, unreferenced).
    func removeAddedTags(in repositories: [String]) {
        for name in repositories {
            let tags = v2.appendingPathComponent("repositories/\(name)/_manifests/tags")
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: tags.path)) ?? []
            for entry in entries where entry.hasPrefix(Self.tagPrefix) {
                try? FileManager.default.removeItem(at: tags.appendingPathComponent(entry))
            }
        }
    }

    /// Adds `tag` to `repository` with an image created at `created`, newer than every other tag.
    func addTag(_ tag: String, created: Date, to repository: String) throws {
        let writer = RegistryStorageWriter(root: root)
        let layer = Data("fleet-bench shared layer".utf8)
        let base = v2.appendingPathComponent("repositories/\(repository)")
        let model = ImageRepositoryModel.Tag(name: tag, created: created)
        let config = writer.configJSON(repository: repository, tag: model)
        let configDigest = try createBlob(config)
        try createLink(configDigest, at: base.appendingPathComponent("_layers/sha256/\(hex(configDigest))/link"))
        let manifest = writer.manifestJSON(
            config: (configDigest, config.count), layer: (digest(layer), layer.count))
        let manifestDigest = try createBlob(manifest)
        try createLink(
            manifestDigest, at: base.appendingPathComponent("_manifests/revisions/sha256/\(hex(manifestDigest))/link"))
        let tagFolder = base.appendingPathComponent("_manifests/tags/\(tag)")
        try createLink(manifestDigest, at: tagFolder.appendingPathComponent("index/sha256/\(hex(manifestDigest))/link"))
        // Last: the tag is listed only once everything it names exists.
        try createLink(manifestDigest, at: tagFolder.appendingPathComponent("current/link"))
    }

    private func createBlob(_ data: Data) throws -> String {
        let digest = digest(data)
        let hex = hex(digest)
        let file = v2.appendingPathComponent("blobs/sha256/\(hex.prefix(2))/\(hex)/data")
        try create(data, at: file)
        return digest
    }

    private func createLink(_ digest: String, at file: URL) throws {
        try create(Data(digest.utf8), at: file)
    }

    /// Writes a new file; an existing one (hard-linked to the shared cache) is left alone.
    private func create(_ data: Data, at file: URL) throws {
        guard !FileManager.default.fileExists(atPath: file.path) else { return }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file, options: .withoutOverwriting)
    }

    private func digest(_ data: Data) -> String {
        "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private func hex(_ digest: String) -> String { String(digest.dropFirst("sha256:".count)) }
}
