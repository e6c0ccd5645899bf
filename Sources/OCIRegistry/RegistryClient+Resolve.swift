import Foundation
import ImageRef

extension RegistryClient {
    /// Resolves a tag or digest to its digest and, when `metadata` is true, its build date and labels.
    ///
    /// For a multi-arch image the digest is the index digest (what `image:tag@digest` pins) and `created`
    /// and `labels` come from the first wanted platform present (without a wish: `linux/amd64`, else the
    /// first entry). With `metadata: false` only the manifest is fetched — plus the config of a single-arch
    /// image when `platforms` must be checked.
    ///
    /// - Parameters:
    ///   - image: repository, and the tag or digest to resolve unless `tag` is given (default `latest`).
    ///   - tag: the tag to resolve, overriding `image`'s tag and digest.
    ///   - platforms: wanted platforms; the image must offer at least one of them (as Image Updater checks).
    ///   - metadata: whether to fetch the config blob for `created` and labels.
    ///   - pullSecret: the image's `pull-secret` annotation value, if any.
    ///   - remember: keep the answer for the run, for a tag that will be asked about again (requests are
    ///     made once per run either way; this saves rebuilding the answer from them).
    /// - Returns: nil when none of `platforms` is offered: the image is not a candidate.
    public func resolve(
        _ image: ImageReference,
        tag: String? = nil,
        platforms: [Platform] = [],
        metadata: Bool = true,
        pullSecret: String? = nil,
        remember: Bool = true
    ) async throws -> ResolvedImage? {
        let (session, context) = try await prepare(image, pullSecret: pullSecret)
        let reference = tag ?? image.digest ?? image.tag ?? "latest"
        guard OCIGrammar.isValidTag(reference) || OCIGrammar.isValidDigest(reference) else {
            throw RegistryError(
                .configuration(detail: "\(CredentialSource.quoted(reference)) is not a valid tag or digest"),
                registry: image.registry,
                repository: image.repository
            )
        }
        let platformsKey = platforms.map(\.description).joined(separator: ",")
        let key = [
            session.endpoint.baseURL.description, context.repositoryPath, reference, context.choice.identity,
            platformsKey, metadata ? "m" : "",
        ].joined(separator: "\u{1F}")
        let compute: @Sendable () async throws -> ResolvedImage? = {
            try await self.resolveOnce(
                image, reference: reference, platforms: platforms, platformsKey: platformsKey,
                metadata: metadata, session: session, context: context)
        }
        if !remember, await session.results.resolved.finishedValue(for: key) == nil { return try await compute() }
        return try await session.results.resolved.value(for: key, compute: compute)
    }

    /// One `resolve` as the run first asks it; repeats get this answer from ``RunResults/resolved``.
    private func resolveOnce(
        _ image: ImageReference, reference: String, platforms: [Platform], platformsKey: String, metadata: Bool,
        session: RegistrySession, context: RegistrySession.Context
    ) async throws -> ResolvedImage? {
        let fetcher = ManifestFetcher(session: session, context: context, limits: configuration.limits)
        let wantsFacts = metadata || !platforms.isEmpty
        func result(_ facts: ImageFacts, digest: String, mediaType: String, isIndex: Bool) throws -> ResolvedImage? {
            guard facts.isCandidate else { return nil }
            let pinned = try ImageReference(
                registry: image.registry,
                repository: image.repository,
                tag: OCIGrammar.isValidTag(reference) ? reference : nil,
                digest: digest
            )
            return ResolvedImage(
                reference: pinned,
                digest: digest,
                mediaType: mediaType,
                isMultiPlatform: isIndex,
                platforms: facts.platforms,
                platform: facts.platform,
                created: facts.created,
                labels: facts.labels
            )
        }
        // A warm cache knows most digests already: a HEAD names the tag's digest without the manifest body.
        if wantsFacts, let cache, cache.isWarm, OCIGrammar.isValidTag(reference),
            let head = await fetcher.head(reference),
            let cached = cache.load(digest: head.digest, platformsKey: platformsKey)
        {
            context.logger.debug("metadata from cache after HEAD", metadata: ["registry.digest": "\(head.digest)"])
            return try result(ImageFacts(cached), digest: head.digest, mediaType: head.mediaType, isIndex: head.isIndex)
        }
        let top = try await fetcher.manifest(reference)
        let (mediaType, isIndex) = (top.document.mediaType, top.document.isIndex)
        if wantsFacts, let cached = cache?.load(digest: top.digest, platformsKey: platformsKey) {
            context.logger.debug("metadata from cache", metadata: ["registry.digest": "\(top.digest)"])
            return try result(ImageFacts(cached), digest: top.digest, mediaType: mediaType, isIndex: isIndex)
        }
        let facts = try await ImageFacts.gather(from: top, wanted: platforms, metadata: metadata, fetcher: fetcher)
        if metadata { cache?.store(facts.cacheEntry, digest: top.digest, platformsKey: platformsKey) }
        return try result(facts, digest: top.digest, mediaType: mediaType, isIndex: isIndex)
    }
}
