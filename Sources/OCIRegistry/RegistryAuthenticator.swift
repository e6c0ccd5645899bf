import Logging
import NIOHTTP1

/// Produces `Authorization` headers for one registry: remembers its challenge so later requests authenticate
/// up front, and fetches bearer tokens (shared and reused until expiry per realm, service, scope and
/// credential).
struct RegistryAuthenticator: Sendable {
    let endpoint: RegistryEndpoint
    let transport: HTTPTransport
    let retrier: Retrier
    let memory: ChallengeMemory
    let tokens: SingleFlight<String, BearerToken>

    /// The header for `scope`, or nil when the registry has not asked for auth (or basic without credentials).
    func authorization(scope: String, choice: CredentialChoice) async throws -> String? {
        guard let challenge = await memory.challenge else { return nil }
        return try await authorization(for: challenge, scope: scope, choice: choice)
    }

    /// Handles a 401: remembers the challenge and returns a header to retry with, or nil if none can help.
    func answer(
        _ response: RegistryResponse,
        scope: String,
        choice: CredentialChoice,
        sentAuthorization: String?
    ) async throws -> String? {
        guard let challenge = AuthChallenge.parse(response.headers["www-authenticate"]) else { return nil }
        await memory.remember(challenge)
        if let sentAuthorization, sentAuthorization.hasPrefix("Bearer ") {
            // The token we sent was refused (revoked or too narrow): drop it and ask for a new one once.
            await tokens.forget(tokenKey(challenge: challenge, scope: scope, choice: choice))
        }
        let header = try await authorization(for: challenge, scope: scope, choice: choice)
        return header == sentAuthorization ? nil : header
    }

    private func authorization(
        for challenge: AuthChallenge,
        scope: String,
        choice: CredentialChoice
    ) async throws -> String? {
        switch challenge.scheme {
        case .basic:
            return choice.credential?.basicAuthorization
        case .bearer:
            let key = tokenKey(challenge: challenge, scope: scope, choice: choice)
            let token = try await tokens.value(for: key, isUsable: { $0.isFresh }) {
                try await fetchToken(challenge: challenge, scope: scope, choice: choice)
            }
            return "Bearer " + token.value
        }
    }

    private func tokenKey(challenge: AuthChallenge, scope: String, choice: CredentialChoice) -> String {
        [challenge.realm ?? "", challenge.service ?? "", scope, choice.identity].joined(separator: "\u{1F}")
    }

    private func fetchToken(
        challenge: AuthChallenge, scope: String, choice: CredentialChoice
    ) async throws
        -> BearerToken
    {
        let realmText = challenge.realm ?? ""
        guard let realm = RegistryURL(realmText) else {
            throw RegistryError(
                .badTokenRealm(realm: CredentialSource.quoted(realmText)),
                registry: endpoint.registry
            )
        }
        var query: [String] = []
        if let service = challenge.service { query.append("service=" + Self.percentEncoded(service)) }
        query.append("scope=" + Self.percentEncoded(scope))
        let separator = realm.pathAndQuery.contains("?") ? "&" : "?"
        let url = RegistryURL(realm.description + separator + query.joined(separator: "&")) ?? realm
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if let credential = choice.credential {
            headers.add(name: "Authorization", value: credential.basicAuthorization)
        }
        let request = HTTPTransport.Request(
            url: url,
            headers: headers,
            tls: endpoint.tls,
            bodyLimit: transport.limits.maximumManifestBytes
        )
        let operation = "GET token from \(realm.authority)"
        let response: RegistryResponse
        do {
            response = try await retrier.run { try await transport.send(request) }
        } catch let error as RegistryError {
            throw RegistryError(
                error.code,
                registry: endpoint.registry,
                operation: operation,
                hint: error.hint
            )
        }
        guard response.isSuccess else {
            var error = RegistryError(
                .httpStatus(response.status, reason: response.reason),
                registry: endpoint.registry,
                operation: operation
            )
            if response.status == 401 || response.status == 403 {
                error = error.with(hint: choice.authenticationHint(registry: endpoint.registry))
            }
            throw error
        }
        do {
            return try BearerToken(json: response.body)
        } catch let error as RegistryError {
            throw RegistryError(error.code, registry: endpoint.registry, operation: operation)
        }
    }

    /// RFC 3986 unreserved characters stay; everything else is %-encoded.
    static func percentEncoded(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

/// The last challenge a registry sent, so later requests can authenticate without a 401 round trip.
actor ChallengeMemory {
    private(set) var challenge: AuthChallenge?

    func remember(_ challenge: AuthChallenge) { self.challenge = challenge }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
