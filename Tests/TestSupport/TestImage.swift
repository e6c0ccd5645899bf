import Crypto
import Foundation

/// A small image described by its metadata; the same values always give the same bytes and digests.
public struct TestImage: Sendable, Hashable {
    /// Which manifest family the image is written in.
    public enum Format: Sendable, Hashable {
        /// OCI image manifest / OCI image index.
        case oci
        /// Docker image manifest v2 schema 2 / Docker manifest list.
        case docker
    }

    /// The config's `created` time (RFC 3339, whole seconds, UTC); nil leaves it out of the config.
    public var created: Date?
    /// The config's `config.Labels`.
    public var labels: [String: String]
    public var os: String
    public var architecture: String
    public var variant: String?
    public var format: Format
    /// Varies the layer bytes, so images with equal metadata can still differ.
    public var seed: String

    public init(
        created: Date? = nil,
        labels: [String: String] = [:],
        os: String = "linux",
        architecture: String = "amd64",
        variant: String? = nil,
        format: Format = .oci,
        seed: String = "test-image"
    ) {
        self.created = created
        self.labels = labels
        self.os = os
        self.architecture = architecture
        self.variant = variant
        self.format = format
        self.seed = seed
    }

    /// The uncompressed layer tar: one file holding the seed.
    var layerTar: Data { TarArchive.single(path: "seed.txt", contents: Data("\(seed)\n".utf8)) }

    /// The layer blob as pushed (gzip of ``layerTar``).
    public var layerData: Data { Gzip.stored(layerTar) }

    /// The image config JSON blob.
    public var configData: Data {
        let runtime: [String: Any] = labels.isEmpty ? [:] : ["Labels": labels]
        let rootfs: [String: Any] = ["type": "layers", "diff_ids": [Digest.sha256(layerTar)]]
        var config: [String: Any] = ["architecture": architecture, "os": os, "config": runtime, "rootfs": rootfs]
        if let variant { config["variant"] = variant }
        if let created {
            let stamp = created.formatted(.iso8601)
            config["created"] = stamp
            config["history"] = [["created": stamp, "created_by": "argocd-image-pr test support"]]
        }
        return JSON.canonical(config)
    }

    public var configDigest: String { Digest.sha256(configData) }
    public var layerDigest: String { Digest.sha256(layerData) }

    /// The image manifest's media type for this ``format``.
    public var manifestMediaType: String {
        format == .oci ? MediaTypes.ociManifest : MediaTypes.dockerManifest
    }

    /// The image manifest JSON as pushed.
    public var manifestData: Data {
        let configType = format == .oci ? MediaTypes.ociConfig : MediaTypes.dockerConfig
        let layerType = format == .oci ? MediaTypes.ociLayer : MediaTypes.dockerLayer
        let manifest: [String: Any] = [
            "schemaVersion": 2,
            "mediaType": manifestMediaType,
            "config": ["mediaType": configType, "digest": configDigest, "size": configData.count],
            "layers": [["mediaType": layerType, "digest": layerDigest, "size": layerData.count]],
        ]
        return JSON.canonical(manifest)
    }

    public var manifestDigest: String { Digest.sha256(manifestData) }

    /// The platform entry this image gets in an index.
    var platform: [String: Any] {
        var platform: [String: Any] = ["architecture": architecture, "os": os]
        if let variant { platform["variant"] = variant }
        return platform
    }

    /// The media type of an index/list holding images of `format`.
    public static func indexMediaType(for format: Format) -> String {
        format == .oci ? MediaTypes.ociIndex : MediaTypes.dockerManifestList
    }

    /// The index (OCI) or manifest list (Docker) JSON for `images`, in the format of the first image.
    public static func indexData(for images: [TestImage]) -> Data {
        let format = images.first?.format ?? .oci
        let index: [String: Any] = [
            "schemaVersion": 2,
            "mediaType": indexMediaType(for: format),
            "manifests": images.map { image -> [String: Any] in
                [
                    "mediaType": image.manifestMediaType, "digest": image.manifestDigest,
                    "size": image.manifestData.count, "platform": image.platform,
                ]
            },
        ]
        return JSON.canonical(index)
    }
}

/// Media types of the manifests and blobs the pusher writes.
public enum MediaTypes {
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip"
}

enum Digest {
    static func sha256(_ data: Data) -> String {
        "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

enum JSON {
    /// Sorted keys and unescaped slashes: stable bytes for stable digests.
    static func canonical(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }
}
