import Foundation
import HTTPTypes
import Hummingbird

/// Checks the credentials each webhook source sends; every comparison is constant-time and no
/// credential ever reaches a log or a reply.
enum RequestAuthenticator {
    static let signatureHeader = HTTPField.Name("X-Hub-Signature-256")!
    static let gitlabTokenHeader = HTTPField.Name("X-Gitlab-Token")!

    /// GitHub: `X-Hub-Signature-256: sha256=<hex HMAC of the body>`.
    static func github(_ request: Request, body: Data, secret: WebhookSecret) throws(WebhookRejection) {
        guard let header = request.headers[signatureHeader] else {
            throw .unauthorized(GitHubWebhook.source, "missing X-Hub-Signature-256")
        }
        guard header.hasPrefix("sha256="), let signature = hexBytes(header.dropFirst("sha256=".count)),
            signature.count == 32
        else {
            throw .unauthorized(GitHubWebhook.source, "X-Hub-Signature-256 is not sha256=<64 hex digits>")
        }
        guard secret.isValidHMAC(signature, for: body) else {
            throw .unauthorized(GitHubWebhook.source, "signature does not match the configured secret")
        }
    }

    /// GitLab: `X-Gitlab-Token` equal to the configured token.
    static func gitlab(_ request: Request, secret: WebhookSecret) throws(WebhookRejection) {
        guard let token = request.headers[gitlabTokenHeader] else {
            throw .unauthorized(GitLabWebhook.source, "missing X-Gitlab-Token")
        }
        guard secret.matches(token) else {
            throw .unauthorized(GitLabWebhook.source, "X-Gitlab-Token does not match")
        }
    }

    /// Registry notifications and `/trigger`: `Authorization: Bearer <token>` or `?token=<token>`.
    static func bearer(_ request: Request, secret: WebhookSecret, source: String) throws(WebhookRejection) {
        let given: String?
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            given = parts.count == 2 && parts[0].lowercased() == "bearer" ? String(parts[1]) : nil
        } else {
            given = request.uri.queryParameters.get("token")
        }
        guard let given else {
            throw .unauthorized(source, "missing bearer token (Authorization: Bearer or ?token=)")
        }
        guard secret.matches(given) else { throw .unauthorized(source, "token does not match") }
    }

    private static func hexBytes(_ text: Substring) -> [UInt8]? {
        guard text.utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for character in text.utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let value = high {
                bytes.append(value << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }
}
