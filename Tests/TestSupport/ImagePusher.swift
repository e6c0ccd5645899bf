import Foundation

/// Writes images into a ``RegistryServer`` through the distribution API (no docker daemon needed).
///
/// Authenticates as the registry's configured user, fetching a push-scoped token for token auth.
public struct ImagePusher: Sendable {
    public let registry: RegistryServer

    public init(registry: RegistryServer) {
        self.registry = registry
    }

    /// Pushes the image's layer, config and manifest and tags it; returns the manifest digest.
    @discardableResult
    public func push(_ image: TestImage, repository: String, tag: String) async throws -> String {
        try await session(repository) { session in
            try await upload(image, with: session)
            return try await session.putManifest(image.manifestData, mediaType: image.manifestMediaType, reference: tag)
        }
    }

    /// Pushes every image by digest, then an OCI index or Docker manifest list (format of the first
    /// image) under `tag`; returns the index digest.
    @discardableResult
    public func pushIndex(_ images: [TestImage], repository: String, tag: String) async throws -> String {
        guard let format = images.first?.format, images.allSatisfy({ $0.format == format }) else {
            throw TestSupportError.invalidArgument("image pusher: an index needs images of one format")
        }
        return try await session(repository) { session in
            for image in images {
                try await upload(image, with: session)
                _ = try await session.putManifest(
                    image.manifestData, mediaType: image.manifestMediaType, reference: image.manifestDigest)
            }
            return try await session.putManifest(
                TestImage.indexData(for: images), mediaType: TestImage.indexMediaType(for: format), reference: tag)
        }
    }

    /// PUTs arbitrary manifest bytes (the registry still validates them); returns the digest it reports.
    @discardableResult
    public func pushRaw(
        manifest: Data, mediaType: String, repository: String, reference: String
    ) async throws
        -> String
    {
        try await session(repository) { session in
            try await session.putManifest(manifest, mediaType: mediaType, reference: reference)
        }
    }

    /// Uploads an arbitrary blob; returns its digest.
    @discardableResult
    public func pushBlob(_ data: Data, repository: String) async throws -> String {
        try await session(repository) { session in
            try await session.uploadBlob(data)
            return Digest.sha256(data)
        }
    }

    /// Deletes a blob from the repository, e.g. an image's ``TestImage/configDigest`` to make
    /// a manifest whose config is missing.
    public func deleteBlob(repository: String, digest: String) async throws {
        try await session(repository) { session in
            let reply = try await session.send(.DELETE, "blobs/\(digest)")
            guard reply.status == 202 else {
                throw TestSupportError.registryRejected("blob delete \(digest)", status: reply.status, body: reply.text)
            }
        }
    }

    /// Deletes a manifest by digest (registry 2.8 deletes every tag pointing at it).
    public func deleteManifest(repository: String, digest: String) async throws {
        try await session(repository) { session in
            let reply = try await session.send(.DELETE, "manifests/\(digest)")
            guard reply.status == 202 else {
                throw TestSupportError.registryRejected(
                    "manifest delete \(digest)", status: reply.status, body: reply.text)
            }
        }
    }

    private func upload(_ image: TestImage, with session: RegistrySession) async throws {
        try await session.uploadBlob(image.layerData)
        try await session.uploadBlob(image.configData)
    }

    private func session<T>(_ repository: String, _ body: (RegistrySession) async throws -> T) async throws -> T {
        try await HTTPClientFactory.with(trusting: registry.caCertificatePEM) { client in
            try await body(try await RegistrySession.open(registry, client: client, repository: repository))
        }
    }
}
