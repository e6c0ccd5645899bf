import Foundation
import Hummingbird

/// Git smart HTTP over `git http-backend` (CGI), serving the bare repositories under a root directory.
///
/// With a token, requests must carry it as `Authorization: Bearer <token>` or as the Basic password
/// (any user name, like GitHub's `x-access-token`); others get 401 with a Basic challenge.
public struct GitHTTPServer: Sendable {
    /// `http://127.0.0.1:PORT`; a repository `<root>/<name>.git` is at `baseURL + "/<name>.git"`.
    public let baseURL: String
    /// The directory holding the served repositories.
    public let root: URL
    private let server: LoopbackHTTPServer
    private let recorder: RequestRecorder

    /// Starts serving `root`; `token` nil serves without authentication.
    public static func start(root: URL, token: String?) async throws -> GitHTTPServer {
        let recorder = RequestRecorder()
        let backend = GitHTTPBackend(root: root, token: token)
        let server = try await LoopbackHTTPServer.start(name: "git-http") { request, _ in
            await recorder.record(FaultBehaviour.record(request, fault: nil))
            return try await backend.respond(to: request)
        }
        return GitHTTPServer(baseURL: server.baseURL, root: root, server: server, recorder: recorder)
    }

    /// The clone URL of `<root>/<name>.git`.
    public func url(for name: String) -> String {
        "\(baseURL)/\(name).git"
    }

    /// Every request seen so far (headers included), in arrival order.
    public func requests() async -> [RecordedRequest] {
        await recorder.all
    }

    /// Stops listening; the repositories under ``root`` are left for the caller.
    public func stop() async throws {
        await server.stop()
    }
}

/// Starts a git HTTP server, runs `body` with it and always stops it.
@discardableResult
public func withGitHTTPServer<T>(
    root: URL, token: String?, _ body: (GitHTTPServer) async throws -> T
) async throws -> T {
    let server = try await GitHTTPServer.start(root: root, token: token)
    do {
        let result = try await body(server)
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}
