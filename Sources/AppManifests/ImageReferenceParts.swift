/// Splits an image-list entry or an image string into name, tag (or constraint) and digest.
///
/// Kept deliberately simple: the tag separator is the last `:` after the last `/`, so a registry port
/// (`localhost:5000/app`) stays in the name.
struct ImageReferenceParts: Equatable {
    var name: String
    var tag: String?
    var digest: String?

    init(name: String, tag: String? = nil, digest: String? = nil) {
        self.name = name
        self.tag = tag
        self.digest = digest
    }

    init(_ reference: String) {
        var rest = Substring(reference)
        var digest: String? = nil
        if let at = rest.lastIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let slash = rest.lastIndex(of: "/")
        let searchStart = slash.map { rest.index(after: $0) } ?? rest.startIndex
        var tag: String? = nil
        if let colon = rest[searchStart...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        self.init(
            name: String(rest),
            tag: tag.flatMap { $0.isEmpty ? nil : $0 },
            digest: digest.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// `tag@digest`, `latest@digest` when only a digest is known (as Image Updater writes it), or the tag.
    static func tagWithDigest(tag: String?, digest: String?) -> String {
        guard let digest else { return tag ?? "" }
        return "\(tag ?? "latest")@\(digest)"
    }

    /// `name[:tag][@digest]`.
    var fullReference: String {
        var text = name
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// Docker Hub names with and without the `docker.io/` (and `library/`) prefix are the same image.
    static func sameRepository(_ lhs: String, _ rhs: String) -> Bool {
        canonical(lhs) == canonical(rhs)
    }

    private static func canonical(_ name: String) -> String {
        var result = name
        for prefix in ["docker.io/", "index.docker.io/", "registry-1.docker.io/"] where result.hasPrefix(prefix) {
            result.removeFirst(prefix.count)
        }
        if result.hasPrefix("library/") { result.removeFirst("library/".count) }
        return result
    }
}
