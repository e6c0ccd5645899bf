/// Fetches manifests and config blobs of one repository and checks their digests.
struct ManifestFetcher: Sendable {
    struct Fetched: Sendable {
        let document: ManifestDocument
        let digest: String
    }

    /// What a HEAD of a tag says: the digest it names and the media type of that manifest.
    struct Head: Sendable {
        let digest: String
        let mediaType: String

        var isIndex: Bool { mediaType == ManifestDocument.ociIndex || mediaType == ManifestDocument.dockerList }
    }

    let session: RegistrySession
    let context: RegistrySession.Context
    let limits: RegistryLimits

    /// The manifest or index for a tag or digest. A digest-addressed fetch must hash to that digest; a tag's
    /// digest is the registry's `Docker-Content-Digest` (checked against the body), else the body's sha256.
    func manifest(_ reference: String) async throws -> Fetched {
        let url = session.endpoint.baseURL.appending(path: "/v2/\(context.repositoryPath)/manifests/\(reference)")
        return try await session.results.manifests.value(for: RunResults.key(url, context)) {
            try await fetchManifest(reference, url: url)
        }
    }

    private func fetchManifest(_ reference: String, url: RegistryURL) async throws -> Fetched {
        let operation = "GET manifest \(reference)"
        let response = try await session.get(
            url,
            accept: ManifestDocument.acceptedMediaTypes,
            bodyLimit: limits.maximumManifestBytes,
            operation: operation,
            context: context
        )
        let digest: String
        if Digests.isValid(reference) {
            digest = try verify(response.body, expected: reference, operation: operation)
        } else if let header = response.headers.first(name: "docker-content-digest"), Digests.isValid(header) {
            // The header names the registry's digest; it must still be the digest of the bytes received.
            digest = try verify(response.body, expected: header, operation: operation)
        } else {
            digest = Digests.sha256(response.body)
        }
        do {
            return Fetched(
                document: try ManifestDocument(body: response.body, contentType: response.contentType), digest: digest)
        } catch let error as RegistryError {
            throw decorate(error, operation: operation)
        }
    }

    /// The digest and media type `tag` names, from a HEAD (no body); nil when the registry's answer lacks a
    /// valid `Docker-Content-Digest` or a known manifest type, or the HEAD fails — callers then GET.
    func head(_ tag: String) async -> Head? {
        let url = session.endpoint.baseURL.appending(path: "/v2/\(context.repositoryPath)/manifests/\(tag)")
        let key = RunResults.key(url, context)
        // Already fetched in this run (a digest-only resolve came first): no request needed.
        if let known = await session.results.manifests.finishedValue(for: key) {
            return Head(digest: known.digest, mediaType: known.document.mediaType)
        }
        let outcome = try? await session.results.heads.value(for: key) {
            let response = try await session.get(
                url,
                method: .HEAD,
                accept: ManifestDocument.acceptedMediaTypes,
                bodyLimit: limits.maximumManifestBytes,
                operation: "HEAD manifest \(tag)",
                context: context
            )
            guard let digest = response.headers.first(name: "docker-content-digest"), Digests.isValid(digest),
                let mediaType = ManifestDocument.acceptedMediaTypes.first(where: { $0 == response.contentType })
            else { return nil }
            return Head(digest: digest, mediaType: mediaType)
        }
        return outcome ?? nil
    }

    /// The image config blob `digest`, parsed.
    func config(_ digest: String) async throws -> ImageConfig {
        let url = session.endpoint.baseURL.appending(path: "/v2/\(context.repositoryPath)/blobs/\(digest)")
        return try await session.results.configs.value(for: RunResults.key(url, context)) {
            try await fetchConfig(digest, url: url)
        }
    }

    private func fetchConfig(_ digest: String, url: RegistryURL) async throws -> ImageConfig {
        let operation = "GET config blob \(digest)"
        let response = try await session.get(
            url,
            accept: [],
            bodyLimit: limits.maximumManifestBytes,
            operation: operation,
            context: context
        )
        _ = try verify(response.body, expected: digest, operation: operation)
        do {
            return try ImageConfig(body: response.body)
        } catch let error as RegistryError {
            throw decorate(error, operation: operation)
        }
    }

    private func verify(_ body: [UInt8], expected: String, operation: String) throws -> String {
        let actual = Digests.digest(of: body, like: expected)
        guard actual == expected else {
            throw decorate(RegistryError(.digestMismatch(expected: expected, actual: actual)), operation: operation)
        }
        return expected
    }

    func decorate(_ error: RegistryError, operation: String) -> RegistryError {
        RegistryError(
            error.code,
            registry: session.endpoint.registry,
            repository: context.repository,
            operation: error.operation ?? operation,
            hint: error.hint
        )
    }
}
