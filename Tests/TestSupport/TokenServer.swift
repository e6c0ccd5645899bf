import Foundation
import Hummingbird

/// The Docker registry token endpoint (`GET /token?service=…&scope=…`), in process.
///
/// Valid Basic credentials get every action they ask for; clients without credentials get 401
/// unless `anonymousPull` lets them have pull-only tokens; wrong credentials always get 401.
struct TokenServer: Sendable {
    let service = "test-registry"
    let issuer = "test-token-issuer"
    let realm: String
    let certificatePath: String
    private let server: LoopbackHTTPServer
    private let ledger: TokenLedger

    static func start(directory: URL, user: String, password: String, anonymousPull: Bool) async throws -> TokenServer {
        let signer = try await TokenSigner.make(in: directory)
        let ledger = TokenLedger()
        let policy = TokenPolicy(
            user: user, password: password, anonymousPull: anonymousPull,
            service: "test-registry", issuer: "test-token-issuer")
        let server = try await LoopbackHTTPServer.start(name: "token-server") { request, _ in
            try await policy.respond(to: request, signer: signer, ledger: ledger)
        }
        return TokenServer(
            realm: "\(server.baseURL)/token", certificatePath: signer.certificatePath, server: server, ledger: ledger)
    }

    func tokensIssued() async -> Int { await ledger.count }

    func stop() async { await server.stop() }
}

/// Counts issued tokens so tests can prove a client reuses them.
actor TokenLedger {
    private(set) var count = 0
    func recordIssued() { count += 1 }
}
