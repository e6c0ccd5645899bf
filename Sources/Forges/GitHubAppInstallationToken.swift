import Foundation

/// An installation access token and when GitHub said it stops working.
struct GitHubAppInstallationToken: Sendable {
    let value: String
    let expiresAt: Date

    /// Whether it is still good for `margin` seconds from `now`: long enough for a clone, a push and a few API
    /// calls.
    func isUsable(at now: Date, margin: TimeInterval) -> Bool {
        expiresAt.timeIntervalSince(now) > margin
    }
}
