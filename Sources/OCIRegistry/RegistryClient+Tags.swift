import Foundation
import ImageRef

extension RegistryClient {
    private struct TagPage: Decodable {
        var tags: [String]?
    }

    /// All tags of `image`'s repository, in the registry's order, following `Link` pagination.
    ///
    /// Tags that are not valid OCI tags are dropped. At most ``RegistryLimits/maximumPages`` pages and
    /// ``RegistryLimits/maximumTags`` tags; more is an error.
    /// - Parameter pullSecret: the image's `pull-secret` annotation value, if any.
    public func listTags(_ image: ImageReference, pullSecret: String? = nil) async throws -> [String] {
        let (session, context) = try await prepare(image, pullSecret: pullSecret)
        let limits = configuration.limits
        let url = session.endpoint.baseURL.appending(
            path: "/v2/\(context.repositoryPath)/tags/list?n=\(limits.tagPageSize)")
        return try await session.results.tagLists.value(for: RunResults.key(url, context)) {
            try await fetchTags(image, from: url, session: session, context: context)
        }
    }

    private func fetchTags(
        _ image: ImageReference,
        from first: RegistryURL,
        session: RegistrySession,
        context: RegistrySession.Context
    ) async throws -> [String] {
        let limits = configuration.limits
        var url = first
        var tags: [String] = []
        var seen: Set<String> = []
        var dropped = 0
        var pages = 0
        func fail(_ code: RegistryError.Code) -> RegistryError {
            RegistryError(code, registry: image.registry, repository: image.repository, operation: "GET tags/list")
        }
        while true {
            pages += 1
            guard pages <= limits.maximumPages else { throw fail(.tooManyPages(limit: limits.maximumPages)) }
            let response = try await session.get(
                url,
                accept: ["application/json"],
                bodyLimit: limits.maximumTagListBytes,
                operation: "GET tags/list",
                context: context
            )
            let page: TagPage
            do {
                page = try JSONDecoder().decode(TagPage.self, from: Data(response.body))
            } catch {
                throw fail(.malformedResponse(detail: "tag list is not JSON with a tags array of strings"))
            }
            for tag in page.tags ?? [] {
                guard OCIGrammar.isValidTag(tag) else {
                    dropped += 1
                    continue
                }
                if seen.insert(tag).inserted { tags.append(tag) }
            }
            guard tags.count <= limits.maximumTags else { throw fail(.tooManyTags(limit: limits.maximumTags)) }
            guard let link = LinkHeader.next(in: response.headers["link"]) else { break }
            guard let next = response.url.resolving(link), next.authority == url.authority, next.scheme == url.scheme
            else {
                throw fail(.malformedResponse(detail: "Link next \(CredentialSource.quoted(link)) leaves the registry"))
            }
            url = next
        }
        if dropped > 0 {
            context.logger.info(
                "ignored tags that are not valid OCI tags", metadata: ["registry.dropped_tags": "\(dropped)"])
        }
        context.logger.debug("listed tags", metadata: ["registry.tags": "\(tags.count)", "registry.pages": "\(pages)"])
        return tags
    }
}
