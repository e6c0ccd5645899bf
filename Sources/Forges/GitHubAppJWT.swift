import Foundation
import JWTKit

/// Signs the short-lived RS256 JSON web tokens a GitHub App authenticates as itself with.
struct GitHubAppJWT: Sendable {
    /// What GitHub reads: issued a minute early against clock drift, valid for at most ten minutes in all.
    private struct Claims: JWTPayload {
        let iat: Int
        let exp: Int
        let iss: Issuer

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A numeric app id goes out as a JSON number, a client id as a string.
    private enum Issuer: Codable, Sendable {
        case number(Int)
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    private let credentials: GitHubAppCredentials
    private let keys: JWTKeyCollection

    init(credentials: GitHubAppCredentials) async {
        self.credentials = credentials
        self.keys = await JWTKeyCollection().add(rsa: credentials.privateKey, digestAlgorithm: .sha256)
    }

    /// A token valid from a minute before `now` until nine minutes after it.
    func make(now: Date = Date()) async throws(GitHubAppError) -> String {
        let seconds = Int(now.timeIntervalSince1970)
        let claims = Claims(
            iat: seconds - 60, exp: seconds + 9 * 60,
            iss: credentials.issuer.map(Issuer.number) ?? .text(credentials.appID))
        do {
            return try await keys.sign(claims)
        } catch {
            throw .signing(appID: credentials.appID)
        }
    }
}
