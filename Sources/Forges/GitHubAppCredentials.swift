import Foundation
import JWTKit

/// A GitHub App's identity: its app id (or client id) and the RSA private key GitHub generated for it.
///
/// The key is parsed once, here, so a bad key fails at start-up rather than on the first pull request; it never
/// appears in `description` or in an error.
public struct GitHubAppCredentials: Sendable, CustomStringConvertible {
    /// The numeric app id, or the app's client id (`Iv1.…`); it becomes the JSON web token's `iss`.
    public let appID: String
    let privateKey: Insecure.RSA.PrivateKey

    /// - Parameter privateKeyPEM: the `.pem` file GitHub offers for download (PKCS#1 `BEGIN RSA PRIVATE KEY`)
    ///   or the same key as PKCS#8 (`BEGIN PRIVATE KEY`); `\n` escapes, as environment variables often carry
    ///   them, are read as line breaks.
    public init(appID: String, privateKeyPEM: String) throws(GitHubAppError) {
        let id = appID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { throw .invalidAppID("is empty") }
        guard id.count <= 64, id.unicodeScalars.allSatisfy(Self.isIDCharacter) else {
            throw .invalidAppID("must be the app's numeric id or its client id (letters, digits, '.', '-', '_')")
        }
        self.appID = id
        self.privateKey = try Self.parse(privateKeyPEM, appID: id)
    }

    public var description: String { "GitHub App \(appID)" }

    /// The `iss` claim: a number for a numeric app id, as GitHub's own examples send it.
    var issuer: Int? { appID.allSatisfy(\.isASCII) ? Int(appID) : nil }

    private static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || ".-_".unicodeScalars
                    .contains(scalar))
    }

    private static func parse(_ text: String, appID: String) throws(GitHubAppError) -> Insecure.RSA.PrivateKey {
        var pem = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !pem.contains("\n"), pem.contains("\\n") { pem = pem.replacingOccurrences(of: "\\n", with: "\n") }
        guard pem.hasPrefix("-----BEGIN "), pem.contains("PRIVATE KEY-----") else {
            throw .invalidPrivateKey(
                appID: appID,
                "is not a PEM private key (expected the downloaded .pem file, starting with "
                    + "\"-----BEGIN RSA PRIVATE KEY-----\")")
        }
        guard pem.utf8.count <= 16 << 10 else {
            throw .invalidPrivateKey(appID: appID, "is larger than 16 KiB, which no RSA key is")
        }
        do {
            return try Insecure.RSA.PrivateKey(pem: pem)
        } catch {
            // jwt-kit's error type is internal; its case name is all that tells a short key apart.
            if String(describing: error).contains("keySizeTooSmall") {
                throw .invalidPrivateKey(appID: appID, "is shorter than 2048 bits")
            }
            // The parser's own message may quote the input; say only what kind of key is expected.
            throw .invalidPrivateKey(
                appID: appID, "could not be read as an RSA private key (PKCS#1 or PKCS#8 PEM; was it cut short?)")
        }
    }
}
