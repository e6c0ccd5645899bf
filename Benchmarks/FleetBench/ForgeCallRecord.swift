import Foundation

/// One request a fake forge answered, the same shape for GitHub and GitLab.
struct ForgeCallRecord: Sendable {
    /// What a git smart HTTP request did.
    enum GitKind: Sendable {
        /// `info/refs?service=git-upload-pack`: the ref advertisement of a clone, fetch or ls-remote.
        case readRefs
        /// `POST git-upload-pack`: objects sent for a clone or fetch.
        case fetch
        /// `info/refs?service=git-receive-pack`: the ref advertisement of a push.
        case pushRefs
        /// `POST git-receive-pack`: a push (branch update or delete).
        case push
    }

    var method: String
    /// Without the query.
    var path: String
    var query: [String: String]
    var status: Int
    /// The OpenAPI operation id (GitHub), the documented route (GitLab), or `git`.
    var operation: String
    var isWrite: Bool

    var isGit: Bool { operation == "git" }

    /// `fleet/charts-3`, from an API path (`/repos/<owner>/<name>/…`, `/projects/<id>/…`) or a git path.
    var repository: String? {
        if isGit {
            guard let range = path.range(of: ".git/") else { return nil }
            return String(path[..<range.lowerBound].drop { $0 == "/" })
        }
        let parts = path.split(separator: "/").map(String.init)
        if let index = parts.firstIndex(of: "repos"), parts.count > index + 2 {
            return "\(parts[index + 1])/\(parts[index + 2])"
        }
        if let index = parts.firstIndex(of: "projects"), parts.count > index + 1 {
            return parts[index + 1].removingPercentEncoding ?? parts[index + 1]
        }
        return nil
    }

    /// What a successful git request did; nil for API calls and refused ones (the 401 before credentials).
    var gitKind: GitKind? {
        guard isGit, (200..<300).contains(status) else { return nil }
        if path.hasSuffix("/info/refs") {
            return query["service"] == "git-receive-pack" ? .pushRefs : .readRefs
        }
        if path.hasSuffix("/git-upload-pack") { return .fetch }
        if path.hasSuffix("/git-receive-pack") { return .push }
        return nil
    }
}
