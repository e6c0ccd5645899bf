import Crypto
import Foundation
import _CryptoExtras

/// Checks a GitHub App's JSON web token as GitHub does: RS256 over `header.payload` with the app's public key,
/// `iss` naming a registered app, issued no later than now and expiring within ten minutes.
struct FakeGitHubAppJWT: Sendable {
    /// Why GitHub would refuse the token, in its words.
    struct Refusal: Error, Sendable {
        let message: String
    }

    /// GitHub tolerates a little clock drift.
    static let skew: TimeInterval = 30

    /// The app the token authenticates.
    static func verify(_ token: String, apps: FakeGitHubApps, now: Date = Date()) async throws(Refusal) -> FakeAppRecord
    {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = decode(parts[0]), let payloadData = decode(parts[1]),
            let signature = decode(parts[2]), let header = JSONValue.parse(headerData),
            let payload = JSONValue.parse(payloadData)
        else { throw Refusal(message: "A JSON web token could not be decoded") }
        guard header["alg"]?.stringValue == "RS256" else {
            throw Refusal(message: "A JSON web token could not be decoded (alg must be RS256)")
        }
        let issuer = payload["iss"]?.intValue ?? payload["iss"]?.stringValue.flatMap { Int($0) }
        guard let issuer else { throw Refusal(message: "'Issuer' claim ('iss') must be an Integer") }
        guard let app = await apps.app(issuer) else { throw Refusal(message: "Integration not found") }
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        guard
            app.publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: signed, padding: .insecurePKCS1v1_5)
        else { throw Refusal(message: "A JSON web token could not be decoded") }
        guard let issuedAt = payload["iat"]?.intValue, let expiresAt = payload["exp"]?.intValue else {
            throw Refusal(message: "Missing 'issued at' or 'expiration time' claim ('iat', 'exp')")
        }
        let seconds = now.timeIntervalSince1970
        guard Double(issuedAt) <= seconds + skew else {
            throw Refusal(message: "'Issued at' claim ('iat') must be an Integer representing a time in the past")
        }
        guard Double(expiresAt) > seconds else {
            throw Refusal(
                message:
                    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"
            )
        }
        guard Double(expiresAt) <= seconds + 600 + skew else {
            throw Refusal(message: "'Expiration time' claim ('exp') is too far in the future")
        }
        return app
    }

    private static func decode(_ base64URL: String) -> Data? {
        var text = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text)
    }
}
