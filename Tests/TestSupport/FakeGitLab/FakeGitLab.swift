import Foundation
import Hummingbird
import NIOCore

/// A fake GitLab on a free loopback port, optionally under a path prefix as a self-managed instance at
/// `https://host/gitlab` is: REST API v4 at `<baseURL>/api/v4` and git smart HTTP at `<baseURL>/<path>.git`,
/// with bare repositories on disk and merge requests, notes, award emoji, users and members in memory.
///
/// Every request is checked against the endpoints and parameters of `Resources/gitlab-api.md`; `violations()`
/// lists what did not fit, and a test should expect it to be empty. Calls are recorded for assertions.
public final class FakeGitLab: Sendable {
    /// `http://127.0.0.1:<port><pathPrefix>`: the instance's web URL, git host included.
    public let baseURL: String
    /// The access token the API expects (`PRIVATE-TOKEN` or `Authorization: Bearer`), and git's password.
    public let token: String
    /// A CI/CD job token (`JOB-TOKEN`), accepted only by the endpoints job tokens may call.
    public let jobToken: String?
    /// Who the tokens belong to.
    public let botUsername: String

    private let server: LoopbackHTTPServer
    let store: FakeGitLabStore
    let bare: BareRepositories
    private let root: URL

    /// `<baseURL>/api/v4`
    public var apiURL: String { baseURL + FakeGitLabAPI.prefix }

    private init(
        baseURL: String, token: String, jobToken: String?, botUsername: String, server: LoopbackHTTPServer,
        store: FakeGitLabStore, bare: BareRepositories, root: URL
    ) {
        self.baseURL = baseURL
        self.token = token
        self.jobToken = jobToken
        self.botUsername = botUsername
        self.server = server
        self.store = store
        self.bare = bare
        self.root = root
    }

    /// Starts a fake GitLab; call `stop()` when done.
    /// - Parameter pathPrefix: e.g. `/gitlab` for an instance below a path, or empty.
    public static func start(
        token: String = "glpat-fake-token-0123456789", jobToken: String? = nil,
        botUsername: String = "argocd-image-pr-bot", pathPrefix: String = ""
    ) async throws -> FakeGitLab {
        let prefix = pathPrefix.split(separator: "/").map { "/" + $0 }.joined()
        let root = try TemporaryDirectory.make(prefix: "fake-gitlab")
        // git http-backend resolves the whole request path below its root, prefix included.
        let bare = BareRepositories(
            root: prefix.isEmpty ? root : root.appendingPathComponent(String(prefix.dropFirst())))
        let store = FakeGitLabStore()
        _ = await store.user(named: botUsername)
        let gitBackend = GitHTTPBackend(root: root, token: token)
        do {
            let server = try await LoopbackHTTPServer.start(name: "fake-gitlab") { request, _ in
                try await route(
                    request, prefix: prefix, git: gitBackend, store: store,
                    api: FakeGitLabAPI(
                        store: store, json: FakeGitLabJSON(webURL: webURL(request, prefix)), git: bare, token: token,
                        jobToken: jobToken, botUsername: botUsername, pathPrefix: prefix))
            }
            return FakeGitLab(
                baseURL: server.baseURL + prefix, token: token, jobToken: jobToken, botUsername: botUsername,
                server: server, store: store, bare: bare, root: root)
        } catch {
            TemporaryDirectory.remove(root)
            throw error
        }
    }

    /// Stops the server and removes the repositories.
    public func stop() async {
        await server.stop()
        TemporaryDirectory.remove(root)
    }

    private static func webURL(_ request: Request, _ prefix: String) -> String {
        "http://\(request.head.authority ?? "127.0.0.1")\(prefix)"
    }

    private static func route(
        _ request: Request, prefix: String, git: GitHTTPBackend, store: FakeGitLabStore, api: FakeGitLabAPI
    ) async throws -> Response {
        let path = request.uri.path
        let apiRoot = prefix + FakeGitLabAPI.prefix
        if path.hasPrefix(apiRoot + "/") {
            let body = try await request.body.collect(upTo: 16 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let answer = await api.handle(
                method: request.method.rawValue, apiPath: String(path.dropFirst(apiRoot.count)),
                query: query(request.uri.query), headers: headers, body: Data(body.readableBytesView))
            var fields = HTTPFields()
            fields[.contentType] = answer.contentType
            for (name, value) in answer.headers {
                if let fieldName = HTTPFields.Element.Name(name) { fields[fieldName] = value }
            }
            return Response(
                status: .init(code: answer.status), headers: fields,
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        if path.hasPrefix(prefix + "/"), path.contains(".git/") {
            let response = try await git.respond(to: request)
            let call = FakeGitLabCall(
                method: request.method.rawValue, path: path, query: query(request.uri.query), body: nil,
                status: Int(response.status.code), route: "git", headers: [:])
            await store.record(call, problems: [])
            return response
        }
        return Response(status: .notFound)
    }

    private static func query(_ text: String?) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (text ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }
}
