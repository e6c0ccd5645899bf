/// The credential chosen for one image (or none), with a note that explains a later 401/403.
struct CredentialChoice: Sendable, Hashable {
    let credential: RegistryCredential?
    /// Appended to authentication failures, e.g. that a pull secret could not be read outside a cluster.
    let note: String?

    static let anonymous = CredentialChoice(credential: nil, note: nil)

    /// Identity used in cache keys; tokens obtained with different credentials are never shared.
    var identity: String { credential.map { "\($0.username)@\($0.origin)" } ?? "" }

    /// The hint shown with a 401/403.
    func authenticationHint(registry: String) -> String {
        var parts: [String] = []
        if let credential {
            parts.append("credentials for \(credential.username) from \(credential.origin) were used")
        } else {
            parts.append(
                "no credentials for \(registry): set registries.conf credentials: env:VAR, docker config.json "
                    + "auths, or a pull-secret env:VAR annotation"
            )
        }
        if let note { parts.append(note) }
        return parts.joined(separator: "; ")
    }
}
