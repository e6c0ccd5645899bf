import Foundation
import Hummingbird
import NIOCore

/// A fake GitHub on a free loopback port: the REST operations the bot uses under `/api/v3` (so a GitHub
/// Enterprise endpoint at `baseURL` reaches it) and git smart HTTP at `<baseURL>/<owner>/<name>.git`, with
/// bare repositories on disk and pull requests, comments, labels and reactions in memory.
///
/// Every API request and answer is checked against the GitHub OpenAPI subset; `violations()` lists what did
/// not fit, and a test should expect it to be empty. Calls are recorded for assertions such as "no writes".
public final class FakeGitHub: Sendable {
    /// `http://127.0.0.1:<port>`: web URL prefix and git host.
    public let baseURL: String
    /// The token the API and git expect (`Authorization: Bearer`/`token`, or git basic auth password).
    public let token: String
    /// Who the token belongs to.
    public let botLogin: String

    private let server: LoopbackHTTPServer
    let store: FakeGitHubStore
    let bare: BareRepositories

    /// `<baseURL>/api/v3`
    public var apiURL: String { baseURL + FakeGitHubAPI.prefix }

    private init(
        baseURL: String, token: String, botLogin: String, server: LoopbackHTTPServer, store: FakeGitHubStore,
        bare: BareRepositories
    ) {
        self.baseURL = baseURL
        self.token = token
        self.botLogin = botLogin
        self.server = server
        self.store = store
        self.bare = bare
    }

    /// Starts a fake GitHub; call `stop()` when done.
    public static func start(
        token: String = "ghp_fake-token-0123456789", botLogin: String = "argocd-image-pr[bot]"
    )
        async throws -> FakeGitHub
    {
        let validator = try OpenAPIValidator.gitHubSubset()
        let root = try TemporaryDirectory.make(prefix: "fake-github")
        let store = FakeGitHubStore()
        let bare = BareRepositories(root: root)
        let api = FakeGitHubAPI(
            store: store, json: FakeGitHubJSON(apiURL: "", webURL: ""), validator: validator, git: bare, token: token,
            botLogin: botLogin)
        let gitBackend = GitHTTPBackend(root: root, token: token)
        do {
            let server = try await LoopbackHTTPServer.start(name: "fake-github") { request, _ in
                try await Self.route(request, api: api, git: gitBackend, store: store)
            }
            return FakeGitHub(
                baseURL: server.baseURL, token: token, botLogin: botLogin, server: server, store: store, bare: bare)
        } catch {
            TemporaryDirectory.remove(root)
            throw error
        }
    }

    /// Stops the server and removes the repositories.
    public func stop() async {
        await server.stop()
        TemporaryDirectory.remove(bare.root)
    }

    private static func route(
        _ request: Request, api: FakeGitHubAPI, git: GitHTTPBackend, store: FakeGitHubStore
    ) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix(FakeGitHubAPI.prefix + "/") {
            var api = api
            let host = request.head.authority ?? "127.0.0.1"
            api.json = FakeGitHubJSON(apiURL: "http://\(host)\(FakeGitHubAPI.prefix)", webURL: "http://\(host)")
            let body = try await request.body.collect(upTo: 16 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let answer = await api.handle(
                method: request.method.rawValue, path: path, query: Self.query(request.uri.query),
                headers: headers, body: Data(body.readableBytesView))
            var fields = HTTPFields()
            fields[.contentType] = "application/json; charset=utf-8"
            for (name, value) in answer.headers {
                if let fieldName = HTTPFields.Element.Name(name) { fields[fieldName] = value }
            }
            let data = answer.body?.data ?? Data()
            return Response(
                status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        if path.contains(".git/") {
            let response = try await git.respond(to: request)
            let call = FakeGitHubCall(
                method: request.method.rawValue, path: path, query: Self.query(request.uri.query), body: nil,
                status: Int(response.status.code), operationID: "git")
            await store.record(call, problems: [], warnings: [])
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
