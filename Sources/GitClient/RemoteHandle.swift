import CLibGit2
import Foundation

/// One `git_remote` for the length of one operation on the worker thread: a named remote of the repository,
/// an anonymous one for a URL, or a detached one for listing without a repository.
final class RemoteHandle {
    let pointer: OpaquePointer
    /// The remote's URL as configured; only ever shown through `RemoteURL.redacted`.
    let url: String

    /// `nameOrURL` is a configured remote's name (`origin`) or a path / file / http(s) URL.
    init(_ nameOrURL: String, in repository: OpaquePointer?, operation: String) throws {
        var remote: OpaquePointer?
        var code = GIT_ENOTFOUND.rawValue
        if let repository {
            var valid: Int32 = 0
            if git_remote_name_is_valid(&valid, nameOrURL) == 0, valid == 1 {
                code = git_remote_lookup(&remote, repository, nameOrURL)
            }
        }
        if code == GIT_ENOTFOUND.rawValue {
            try RemoteURL.validate(nameOrURL, operation: operation)
            if let repository {
                code = git_remote_create_anonymous(&remote, repository, nameOrURL)
            } else {
                code = git_remote_create_detached(&remote, nameOrURL)
            }
        }
        try LibGit2Call.check(code, operation: operation, remote: nameOrURL)
        let created = try GitRepository.unwrap(remote, operation: operation)
        let url = git_remote_url(created).map { String(cString: $0) } ?? nameOrURL
        do {
            try RemoteURL.validate(url, operation: operation)
        } catch {
            git_remote_free(created)
            throw error
        }
        self.pointer = created
        self.url = url
    }

    deinit {
        git_remote_disconnect(pointer)
        git_remote_free(pointer)
    }

    /// Connects for `direction` with `context`'s callbacks and headers; failures are described with what the
    /// callbacks saw (refused credentials...). Returns the callbacks, for the operation that follows.
    @discardableResult
    func connect(_ direction: git_direction, context: RemoteCallbacks, operation: String) throws -> git_remote_callbacks
    {
        var options = git_remote_connect_options()
        try LibGit2Call.check(
            git_remote_connect_options_init(&options, UInt32(GIT_REMOTE_CONNECT_OPTIONS_VERSION)),
            operation: operation
        )
        context.install(into: &options.callbacks)
        options.follow_redirects = context.redirects
        let code = withStringArray(context.headers) { headers in
            options.custom_headers = headers.pointee
            return git_remote_connect_ext(pointer, direction, &options)
        }
        try context.check(code, operation: operation, remote: url)
        return options.callbacks
    }

    /// The references the connected remote advertises, by full name.
    func advertisedReferences(operation: String) throws -> [String: GitOID] {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try LibGit2Call.check(git_remote_ls(&heads, &count, pointer), operation: operation, remote: url)
        var references: [String: GitOID] = [:]
        for case let head? in UnsafeBufferPointer(start: heads, count: heads == nil ? 0 : count) {
            guard let name = head.pointee.name else { continue }
            references[String(cString: name)] = GitOID(head.pointee.oid)
        }
        return references
    }
}

/// Runs `body` with a `git_strarray` view of `strings`, valid only inside `body`.
func withStringArray<R>(_ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws -> R) rethrows -> R {
    var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return try copies.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
