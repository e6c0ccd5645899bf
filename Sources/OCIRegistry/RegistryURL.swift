/// A minimal absolute http(s) URL split into parts, enough for API bases, realms, `Link` and `Location`.
///
/// Foundation's URL accepts too much (and differs across platforms); registries only need these parts.
struct RegistryURL: Sendable, Hashable, CustomStringConvertible {
    let scheme: String
    /// `host[:port]` as written (IPv6 in brackets).
    let authority: String
    /// Path and query, starting with `/` (or empty).
    let pathAndQuery: String

    init?(_ text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        guard !authority.isEmpty, !authority.contains("@"),
            !authority.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
        else { return nil }
        var tail = String(rest[authorityEnd...])
        if let hash = tail.firstIndex(of: "#") { tail = String(tail[..<hash]) }
        if tail.hasPrefix("?") { tail = "/" + tail }
        guard !tail.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        self.scheme = scheme
        self.authority = authority
        self.pathAndQuery = tail
    }

    private init(scheme: String, authority: String, pathAndQuery: String) {
        self.scheme = scheme
        self.authority = authority
        self.pathAndQuery = pathAndQuery
    }

    /// Resolves an absolute URL, an absolute path (`/v2/…`) or a scheme-relative `//host/…` against self.
    func resolving(_ reference: String) -> RegistryURL? {
        if reference.hasPrefix("//") { return RegistryURL(scheme + ":" + reference) }
        if reference.hasPrefix("/") {
            guard !reference.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
                return nil
            }
            return RegistryURL(scheme: scheme, authority: authority, pathAndQuery: reference)
        }
        if reference.contains("://") { return RegistryURL(reference) }
        // A relative path: resolve against the current directory of the path.
        let path = pathAndQuery.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
        return RegistryURL(scheme: scheme, authority: authority, pathAndQuery: directory + reference)
    }

    /// Appends a path to an API base (which may itself have a path, e.g. `https://host/registry`).
    func appending(path: String) -> RegistryURL {
        var base = pathAndQuery
        while base.hasSuffix("/") { base.removeLast() }
        return RegistryURL(scheme: scheme, authority: authority, pathAndQuery: base + path)
    }

    /// Host without port or brackets, lowercased.
    var host: String {
        var text = Substring(authority)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close]).lowercased()
        }
        if let colon = text.lastIndex(of: ":") { text = text[..<colon] }
        return text.lowercased()
    }

    var description: String { scheme + "://" + authority + pathAndQuery }
}
