/// The remote locations this client accepts, and their spelling with secrets removed.
enum RemoteURL {
    /// Local paths, `file://`, `http://` and `https://`; anything else (ssh, git://, `ext::`) is refused
    /// because credentials are only ever handed over as a token for HTTP.
    static func validate(_ url: String, operation: String) throws {
        let refuse = { (why: String) in
            GitError(.invalidArgument, operation: operation, remote: url, message: why)
        }
        guard !url.isEmpty else { throw refuse("empty remote URL") }
        guard !url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw refuse("remote URL contains control characters")
        }
        if let schemeEnd = url.range(of: "://") {
            let scheme = url[..<schemeEnd.lowerBound].lowercased()
            guard ["file", "http", "https"].contains(scheme) else {
                throw refuse("unsupported URL scheme '\(scheme)' (use a path, file://, http:// or https://)")
            }
            return
        }
        // Without a scheme, git reads `host:path` as ssh; only plain paths are accepted.
        let firstComponent = url.split(separator: "/", omittingEmptySubsequences: false).first ?? ""
        guard !firstComponent.contains(":") else {
            throw refuse("unsupported remote (use a path, file://, http:// or https://)")
        }
    }

    /// The URL without user information (`https://user:token@host/x` becomes `https://host/x`).
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + rest[rest.index(after: at)...]
    }
}
