import CLibGit2

/// Turns libgit2 return codes into `GitError`s.
///
/// libgit2 keeps its last error per thread, so `check` must run on the thread that made the failing call —
/// which every caller guarantees by calling it inside the same `GitWorker` closure, right after the call.
enum LibGit2Call {
    static func check(
        _ code: Int32,
        operation: String,
        remote: String? = nil,
        redacting secrets: [String] = [],
        kind: GitError.Kind? = nil
    ) throws {
        guard code < 0 else { return }
        throw error(code, operation: operation, remote: remote, redacting: secrets, kind: kind)
    }

    static func error(
        _ code: Int32,
        operation: String,
        remote: String? = nil,
        redacting secrets: [String] = [],
        kind: GitError.Kind? = nil
    ) -> GitError {
        var message = "libgit2 error \(code)"
        if let last = git_error_last(), let text = last.pointee.message {
            message = "\(className(last.pointee.klass)): \(String(cString: text))"
        }
        if let remote {
            // libgit2 repeats the URL it was given; show only the redacted form.
            message = message.replacing(remote, with: RemoteURL.redacted(remote))
        }
        for secret in secrets where !secret.isEmpty {
            message = message.replacing(secret, with: "***")
        }
        return GitError(kind ?? defaultKind(code), operation: operation, remote: remote, message: message)
    }

    private static func defaultKind(_ code: Int32) -> GitError.Kind {
        switch code {
        case GIT_ENOTFOUND.rawValue: return .notFound
        case GIT_EAUTH.rawValue: return .authentication
        case GIT_EINVALIDSPEC.rawValue: return .invalidArgument
        default: return .libgit2
        }
    }

    private static func className(_ klass: Int32) -> String {
        switch UInt32(bitPattern: klass) {
        case GIT_ERROR_NOMEMORY.rawValue: return "memory"
        case GIT_ERROR_OS.rawValue: return "os"
        case GIT_ERROR_INVALID.rawValue: return "invalid"
        case GIT_ERROR_REFERENCE.rawValue: return "reference"
        case GIT_ERROR_ZLIB.rawValue: return "zlib"
        case GIT_ERROR_REPOSITORY.rawValue: return "repository"
        case GIT_ERROR_CONFIG.rawValue: return "config"
        case GIT_ERROR_ODB.rawValue: return "odb"
        case GIT_ERROR_INDEX.rawValue: return "index"
        case GIT_ERROR_OBJECT.rawValue: return "object"
        case GIT_ERROR_NET.rawValue: return "net"
        case GIT_ERROR_TREE.rawValue: return "tree"
        case GIT_ERROR_SSL.rawValue: return "ssl"
        case GIT_ERROR_CHECKOUT.rawValue: return "checkout"
        case GIT_ERROR_HTTP.rawValue: return "http"
        case GIT_ERROR_CALLBACK.rawValue: return "callback"
        default: return "libgit2"
        }
    }
}
