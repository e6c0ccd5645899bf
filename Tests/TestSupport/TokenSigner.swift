import Crypto
import Foundation

/// Signs registry bearer tokens (ES256 JWTs) with a key whose self-signed certificate travels in `x5c`.
///
/// Registry 2.8 checks the `x5c` chain against its `rootcertbundle`, which holds that same certificate.
struct TokenSigner: Sendable {
    struct Access: Sendable, Equatable {
        var type: String
        var name: String
        var actions: [String]
    }

    let certificatePath: String
    private let key: P256.Signing.PrivateKey
    private let certificateDERBase64: String

    static func make(in directory: URL) async throws -> TokenSigner {
        let keyPath = directory.appendingPathComponent("token-signer.key").path
        let certificatePath = directory.appendingPathComponent("token-signer.pem").path
        try await Command.run(
            TestCertificateAuthority.openssl,
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", keyPath, "-out", certificatePath, "-days", "2", "-subj", "/CN=test token signer",
            ])
        let key = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: keyPath, encoding: .utf8))
        let pem = try String(contentsOfFile: certificatePath, encoding: .utf8)
        let base64 = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return TokenSigner(certificatePath: certificatePath, key: key, certificateDERBase64: base64)
    }

    func sign(
        issuer: String, subject: String, audience: String, access: [Access], issuedAt: Date, lifetime: Int
    ) throws -> String {
        let now = Int(issuedAt.timeIntervalSince1970)
        let header: [String: Any] = ["typ": "JWT", "alg": "ES256", "x5c": [certificateDERBase64]]
        let claims: [String: Any] = [
            "iss": issuer,
            "sub": subject,
            "aud": audience,
            "exp": now + lifetime,
            "nbf": now - 5,
            "iat": now,
            "jti": UUID().uuidString,
            "access": access.map { ["type": $0.type, "name": $0.name, "actions": $0.actions] },
        ]
        let encodedHeader = try Self.base64URL(JSONSerialization.data(withJSONObject: header, options: .sortedKeys))
        let encodedClaims = try Self.base64URL(JSONSerialization.data(withJSONObject: claims, options: .sortedKeys))
        let signingInput = "\(encodedHeader).\(encodedClaims)"
        let signature = try key.signature(for: Data(signingInput.utf8))
        return "\(signingInput).\(Self.base64URL(signature.rawRepresentation))"
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
