/// Where credentials for a registry come from, in Argo CD Image Updater's notation.
///
/// `env:VAR` (value `user:password`), `pullsecret:<ns>/<name>`, `secret:<ns>/<name>#<field>` and
/// `ext:<script>`. Kubernetes secrets cannot be read outside a cluster, so those sources only produce a
/// warning; `ext:` is refused when it comes from an annotation, because an annotation must not run
/// programs on the bot's machine.
public struct CredentialSource: Sendable, Hashable, CustomStringConvertible {
    /// Where the credential source was written, which decides what it may do.
    public enum Origin: Sendable, Hashable {
        /// A `pull-secret` annotation on an Application (untrusted input).
        case annotation
        /// A registries.conf `credentials:` field (trusted configuration).
        case registriesConf
    }

    enum Kind: Sendable, Hashable {
        case environment(variable: String)
        case pullSecret(namespace: String, name: String)
        case secret(namespace: String, name: String, field: String)
        case external(script: String)
    }

    let kind: Kind
    /// Where this source was written.
    public let origin: Origin
    /// The text as written, e.g. `env:REGISTRY_CREDS` (never a secret itself).
    public let text: String

    /// Parses `env:VAR`, `pullsecret:ns/name`, `secret:ns/name#field` or `ext:/path`.
    public init(parsing text: String, origin: Origin) throws(RegistryError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw Self.invalid(
                text, "expected env:VAR, pullsecret:<namespace>/<name>, secret:<namespace>/<name>#<field>")
        }
        let value = String(parts[1])
        switch parts[0].lowercased() {
        case "env":
            kind = .environment(variable: value)
        case "pullsecret":
            let names = value.split(separator: "/", omittingEmptySubsequences: false)
            guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty else {
                throw Self.invalid(text, "expected pullsecret:<namespace>/<name>")
            }
            kind = .pullSecret(namespace: String(names[0]), name: String(names[1]))
        case "secret":
            let pieces = value.split(separator: "#", omittingEmptySubsequences: false)
            let names = pieces.first?.split(separator: "/", omittingEmptySubsequences: false) ?? []
            guard pieces.count == 2, !pieces[1].isEmpty, names.count == 2, !names[0].isEmpty, !names[1].isEmpty else {
                throw Self.invalid(text, "expected secret:<namespace>/<name>#<field>")
            }
            kind = .secret(namespace: String(names[0]), name: String(names[1]), field: String(pieces[1]))
        case "ext":
            guard origin == .registriesConf else {
                throw RegistryError(
                    .credentials(
                        detail: "credential source \(Self.quoted(text)) refused: ext: scripts are only allowed in "
                            + "registries.conf, never from an annotation"
                    )
                )
            }
            kind = .external(script: value)
        default:
            throw Self.invalid(text, "unknown source \(Self.quoted(String(parts[0])))")
        }
        self.origin = origin
        self.text = text
    }

    /// True for Kubernetes secrets, which this process cannot read.
    var isKubernetesSecret: Bool {
        switch kind {
        case .pullSecret, .secret: return true
        case .environment, .external: return false
        }
    }

    public var description: String { text }

    private static func invalid(_ text: String, _ detail: String) -> RegistryError {
        RegistryError(.credentials(detail: "invalid credential source \(quoted(text)): \(detail)"))
    }

    static func quoted(_ text: String) -> String {
        "'" + RegistryError.oneLine(String(text.prefix(200))) + "'"
    }
}
