import Crypto
import Foundation

/// Writes a populated `docker-registry` (distribution 2.8) filesystem storage directly: pushing
/// 60,000 manifests through the API takes minutes on two cores, writing the same layout takes
/// seconds, and the folder is cached between runs. Every tag gets its own config (its own
/// created date) and manifest; the one layer is shared.
struct RegistryStorageWriter: Sendable {
    let root: URL

    private var v2: URL { root.appendingPathComponent("docker/registry/v2") }

    func write(_ repositories: [ImageRepositoryModel]) async throws {
        let layer = Data("fleet-bench shared layer".utf8)
        let layerDigest = try writeBlob(layer)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, repository) in repositories.enumerated() {
                if index >= 4 { try await group.next() }
                group.addTask { try self.write(repository, layer: (layerDigest, layer.count)) }
            }
            try await group.waitForAll()
        }
    }

    private func write(_ repository: ImageRepositoryModel, layer: (digest: String, size: Int)) throws {
        let base = v2.appendingPathComponent("repositories/\(repository.name)")
        try link(layer.digest, at: base.appendingPathComponent("_layers/sha256/\(hex(layer.digest))/link"))
        for tag in repository.tags {
            let config = configJSON(repository: repository.name, tag: tag)
            let configDigest = try writeBlob(config)
            try link(configDigest, at: base.appendingPathComponent("_layers/sha256/\(hex(configDigest))/link"))
            let manifest = manifestJSON(config: (configDigest, config.count), layer: layer)
            let manifestDigest = try writeBlob(manifest)
            try link(
                manifestDigest,
                at: base.appendingPathComponent("_manifests/revisions/sha256/\(hex(manifestDigest))/link"))
            let tagFolder = base.appendingPathComponent("_manifests/tags/\(tag.name)")
            try link(manifestDigest, at: tagFolder.appendingPathComponent("current/link"))
            try link(manifestDigest, at: tagFolder.appendingPathComponent("index/sha256/\(hex(manifestDigest))/link"))
        }
    }

    func configJSON(repository: String, tag: ImageRepositoryModel.Tag) -> Data {
        let created = ISO8601DateFormatter().string(from: tag.created)
        let text = """
            {"architecture":"amd64","os":"linux","created":"\(created)",\
            "config":{"Labels":{"org.opencontainers.image.source":"https://git.example/\(repository)",\
            "org.opencontainers.image.version":"\(tag.name)"}},\
            "rootfs":{"type":"layers","diff_ids":["sha256:\(String(repeating: "0", count: 64))"]}}
            """
        return Data(text.utf8)
    }

    func manifestJSON(config: (digest: String, size: Int), layer: (digest: String, size: Int)) -> Data {
        let text = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\(config.digest)",\
            "size":\(config.size)},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip",\
            "digest":"\(layer.digest)","size":\(layer.size)}]}
            """
        return Data(text.utf8)
    }

    private func writeBlob(_ data: Data) throws -> String {
        let digest = "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let hex = hex(digest)
        let folder = v2.appendingPathComponent("blobs/sha256/\(hex.prefix(2))/\(hex)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: folder.appendingPathComponent("data"))
        return digest
    }

    private func link(_ digest: String, at file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(digest.utf8).write(to: file)
    }

    private func hex(_ digest: String) -> String { String(digest.dropFirst("sha256:".count)) }
}
