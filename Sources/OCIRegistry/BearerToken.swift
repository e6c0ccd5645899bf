import Foundation

/// A token from a registry's token service, valid until `expires`.
struct BearerToken: Sendable {
    let value: String
    let expires: ContinuousClock.Instant

    /// Docker's token spec: at least 60 s when `expires_in` is absent or smaller.
    static let minimumLifetime = 60

    /// Reads `{"token": …}` or `{"access_token": …}` with optional `expires_in`.
    init(json body: [UInt8], now: ContinuousClock.Instant = .now) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw RegistryError(.badTokenResponse(detail: "not a JSON object"))
        }
        let token = (object["token"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? object["access_token"] as? String
        guard let token, !token.isEmpty, token.utf8.count < 64 * 1024 else {
            throw RegistryError(.badTokenResponse(detail: "no token in the answer"))
        }
        let lifetime = max((object["expires_in"] as? NSNumber)?.intValue ?? 0, Self.minimumLifetime)
        self.value = token
        self.expires = now + .seconds(lifetime)
    }

    /// Usable if it stays valid for a few more seconds (a request may take that long to be sent).
    var isFresh: Bool { ContinuousClock.now + .seconds(10) < expires }
}
