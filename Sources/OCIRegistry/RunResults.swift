/// The compact answers a client remembers for its lifetime (one run): tag lists, parsed manifests and
/// config facts, keyed by URL and credential.
///
/// Raw responses (headers and bodies) are never kept: at fleet scale they were most of the client's memory.
/// Each kind is computed once per key — concurrent callers share the request in flight, later ones get the
/// remembered outcome, failures included.
struct RunResults: Sendable {
    let tagLists = SingleFlight<String, [String]>()
    let manifests = SingleFlight<String, ManifestFetcher.Fetched>()
    let configs = SingleFlight<String, ImageConfig>()
    let heads = SingleFlight<String, ManifestFetcher.Head?>()
    /// Whole `resolve` answers the caller asked to remember: at fleet scale a chosen tag is resolved once per
    /// Application following its repository, and each repeat otherwise re-read and re-decoded its metadata
    /// cache file.
    let resolved = SingleFlight<String, ResolvedImage?>()

    static func key(_ url: RegistryURL, _ context: RegistrySession.Context) -> String {
        url.description + "\u{1F}" + context.choice.identity
    }
}
