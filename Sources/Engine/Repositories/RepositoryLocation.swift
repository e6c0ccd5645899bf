import Foundation

/// Where a repository named by a `--repo` flag or an Application's `repoURL` lives.
public enum RepositoryLocation: Sendable, Hashable, CustomStringConvertible {
    /// A folder on this machine (absolute, standardized): a working tree, a bare repository or plain files.
    case local(String)
    /// A git URL to clone (`https://`, `http://`, `ssh://`, `git@host:path`).
    case remote(String)

    /// Classifies `text`; relative paths are resolved against `currentDirectory`.
    public init(_ text: String, currentDirectory: String = FileManager.default.currentDirectoryPath) {
        if text.hasPrefix("file://") {
            let path = URL(string: text)?.path ?? String(text.dropFirst("file://".count))
            self = .local(URL(fileURLWithPath: path).standardizedFileURL.path)
        } else if text.contains("://") || Self.isSCPLike(text) {
            self = .remote(text)
        } else {
            let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
            let url = text.hasPrefix("/") ? URL(fileURLWithPath: text) : base.appendingPathComponent(text)
            self = .local(url.standardizedFileURL.path)
        }
    }

    /// `git@github.com:org/repo.git`: a user, a host and a path after a colon, no slash before it.
    private static func isSCPLike(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let at = text.firstIndex(of: "@"), at < colon else { return false }
        return !text[..<colon].contains("/")
    }

    public var description: String {
        switch self {
        case .local(let path): return path
        case .remote(let url): return RedactedURL(url).description
        }
    }
}

/// A URL with any user information removed, for messages.
struct RedactedURL: CustomStringConvertible {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var description: String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else {
            return text
        }
        let slash = text[scheme.upperBound...].firstIndex(of: "/") ?? text.endIndex
        guard at < slash else { return text }
        return String(text[..<scheme.upperBound]) + "***@" + String(text[text.index(after: at)...])
    }
}
