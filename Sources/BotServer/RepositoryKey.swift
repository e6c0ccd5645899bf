import Foundation

/// A git repository URL reduced to what identifies the repository, so that
/// `https://GitHub.com/org/repo.git/` and `https://github.com/org/repo` lock the same runs.
public struct RepositoryKey: Sendable, Hashable, CustomStringConvertible {
    /// `host/path` in lower case, without scheme, credentials, `.git` or trailing slashes.
    public let value: String

    public init(_ url: String) {
        var text = Substring(url.trimmingCharacters(in: .whitespaces))
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        // scp-like `git@host:org/repo`
        if let at = text.firstIndex(of: "@"), !text[..<at].contains("/") { text = text[text.index(after: at)...] }
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            let rest = text[text.index(after: colon)...]
            let port = rest.prefix { $0.isNumber }
            // `host:port/path` keeps the port; scp-like `host:path` becomes `host/path`.
            if port.isEmpty || !rest.dropFirst(port.count).hasPrefix("/") {
                text = text[..<colon] + "/" + rest
            }
        }
        while text.hasSuffix("/") { text = text.dropLast() }
        if text.hasSuffix(".git") { text = text.dropLast(4) }
        value = text.lowercased()
    }

    public var description: String { value }
}
