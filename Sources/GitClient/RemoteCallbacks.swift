import CLibGit2
import Foundation

/// The state libgit2's remote callbacks share during one network operation.
///
/// It lives on the worker thread for the length of one operation only (created, used and dropped inside one
/// `GitWorker` closure), so it needs no locking; libgit2 calls back on the thread that made the call.
final class RemoteCallbacks {
    /// Enough for one unauthenticated probe plus one retry; libgit2 asks again forever on a refused token.
    static let maximumCredentialAttempts = 3
    /// Server messages kept for error reports (hook output can be long).
    static let maximumSidebandBytes = 4096

    let credentials: GitCredentials
    /// Expected old values of remote references for this push (`nil` = must not exist).
    var leases: [String: GitOID?] = [:]

    private(set) var credentialAttempts = 0
    private(set) var authenticationFailure: String?
    private(set) var leaseFailure: (reference: String, current: GitOID?)?
    private(set) var rejections: [(reference: String, reason: String)] = []
    private(set) var serverMessages: [UInt8] = []

    /// Extra HTTP headers for the connection: the token, sent up front (see `init`).
    let headers: [String]
    /// Where libgit2 may follow HTTP redirects.
    let redirects: git_remote_redirect_t

    /// A token for an http(s) remote is sent with the first request instead of after a 401: libgit2 1.5 misreads
    /// a 401 that carries a body (as GitLab's and many proxies' do), and a 401 then already means "refused".
    /// Because the header would follow a redirect to any host, a remote holding a token is not redirected.
    init(credentials: GitCredentials, url: String) {
        self.credentials = credentials
        let scheme = url.prefix(while: { $0 != ":" }).lowercased()
        if case .token(let username, let password) = credentials, url.contains("://"),
            scheme == "http" || scheme == "https"
        {
            let basic = Data("\(username):\(password)".utf8).base64EncodedString()
            self.headers = ["Authorization: Basic \(basic)"]
            self.redirects = GIT_REMOTE_REDIRECT_NONE
        } else {
            self.headers = []
            self.redirects = GIT_REMOTE_REDIRECT_INITIAL
        }
    }

    /// Fills `callbacks`; the caller keeps `self` alive while libgit2 may call back.
    func install(into callbacks: inout git_remote_callbacks) {
        callbacks.credentials = acquireCredential
        callbacks.sideband_progress = collectSideband
        callbacks.push_update_reference = recordReferenceStatus
        callbacks.push_negotiation = checkLeases
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
    }

    /// The server's progress text (`remote: ...` lines), trimmed to one line.
    var serverText: String {
        String(decoding: serverMessages, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix("remote:").trimmingPrefix(" ") }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// Throws for a failed network call, preferring what the callbacks learnt over libgit2's generic text.
    func check(_ code: Int32, operation: String, remote: String) throws {
        guard code < 0 else { return }
        if let authenticationFailure {
            throw GitError(.authentication, operation: operation, remote: remote, message: authenticationFailure)
        }
        if let leaseFailure {
            throw GitError.leaseMismatch(
                reference: leaseFailure.reference,
                expected: leases[leaseFailure.reference] ?? nil,
                current: leaseFailure.current,
                operation: operation,
                remote: remote
            )
        }
        throw LibGit2Call.error(code, operation: operation, remote: remote, redacting: credentials.secrets)
    }

    /// Throws when the server refused any reference update, with its reason and anything its hooks printed.
    func checkRejections(operation: String, remote: String) throws {
        guard !rejections.isEmpty else { return }
        var message = rejections.map { "\($0.reference): \($0.reason)" }.joined(separator: "; ")
        let said = serverText
        if !said.isEmpty {
            message += " (server said: \(said))"
        }
        for secret in credentials.secrets where !secret.isEmpty {
            message = message.replacing(secret, with: "***")
        }
        throw GitError(.rejected, operation: operation, remote: remote, message: message)
    }

    fileprivate func acquire(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, allowedTypes: UInt32
    ) -> Int32 {
        credentialAttempts += 1
        switch credentials {
        case .none:
            authenticationFailure = "the remote requires credentials and none were given"
            return GIT_EAUTH.rawValue
        case .token(let username, let password):
            guard headers.isEmpty, credentialAttempts <= Self.maximumCredentialAttempts else {
                authenticationFailure = "the remote refused the credentials for \(username)"
                return GIT_EAUTH.rawValue
            }
            guard allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else {
                authenticationFailure = "the remote does not accept username/password authentication"
                return GIT_EAUTH.rawValue
            }
            return git_credential_userpass_plaintext_new(out, username, password)
        }
    }

    fileprivate func sideband(_ bytes: UnsafeBufferPointer<UInt8>) {
        let room = Self.maximumSidebandBytes - serverMessages.count
        guard room > 0 else { return }
        serverMessages.append(contentsOf: bytes.prefix(room))
    }

    fileprivate func referenceStatus(_ reference: String, _ status: String?) {
        if let status {
            rejections.append((reference, status))
        }
    }

    fileprivate func negotiate(_ updates: UnsafeBufferPointer<UnsafePointer<git_push_update>?>) -> Int32 {
        for case let update? in updates {
            guard let name = update.pointee.dst_refname.map({ String(cString: $0) }),
                let expected = leases[name]
            else { continue }
            let source = update.pointee.src
            // The pointer must not leave the closure: an escaped one reads a dead temporary in release builds,
            // which made every new branch look present at 0000000 (a lease mismatch on each first push).
            let isZero = withUnsafePointer(to: source) { git_oid_is_zero($0) == 1 }
            let current = isZero ? nil : GitOID(source)
            if current != expected {
                leaseFailure = (name, current)
                return GIT_EUSER.rawValue
            }
        }
        return 0
    }
}

private func context(_ payload: UnsafeMutableRawPointer?) -> RemoteCallbacks? {
    payload.map { Unmanaged<RemoteCallbacks>.fromOpaque($0).takeUnretainedValue() }
}

private func acquireCredential(
    out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?,
    url: UnsafePointer<CChar>?,
    usernameFromURL: UnsafePointer<CChar>?,
    allowedTypes: UInt32,
    payload: UnsafeMutableRawPointer?
) -> Int32 {
    guard let out, let callbacks = context(payload) else { return GIT_EAUTH.rawValue }
    return callbacks.acquire(out, allowedTypes: allowedTypes)
}

private func collectSideband(text: UnsafePointer<CChar>?, length: Int32, payload: UnsafeMutableRawPointer?) -> Int32 {
    guard let text, length > 0, let callbacks = context(payload) else { return 0 }
    text.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
        callbacks.sideband(UnsafeBufferPointer(start: $0, count: Int(length)))
    }
    return 0
}

private func recordReferenceStatus(
    reference: UnsafePointer<CChar>?,
    status: UnsafePointer<CChar>?,
    payload: UnsafeMutableRawPointer?
) -> Int32 {
    guard let reference, let callbacks = context(payload) else { return 0 }
    callbacks.referenceStatus(String(cString: reference), status.map { String(cString: $0) })
    return 0
}

private func checkLeases(
    updates: UnsafeMutablePointer<UnsafePointer<git_push_update>?>?,
    count: Int,
    payload: UnsafeMutableRawPointer?
) -> Int32 {
    guard let updates, let callbacks = context(payload) else { return 0 }
    return callbacks.negotiate(UnsafeBufferPointer(start: updates, count: count))
}
