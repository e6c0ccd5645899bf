import NIOSSL

/// One item of registries.conf's `registries:` list, as Argo CD Image Updater defines it.
public struct RegistryEntry: Sendable, Equatable {
    /// How the registry sorts its tag list (`tagsortmode`); anything but `none` is informational here.
    public enum TagSortMode: String, Sendable, Equatable {
        case none
        case latestFirst = "latest-first"
        case latestLast = "latest-last"
    }

    /// Informational name.
    public var name: String
    /// Lookup prefix matched against `registry/repository`; empty only for the default registry.
    public var prefix: String
    /// API base URL (http or https), e.g. `https://registry-1.docker.io`; wins over the loopback HTTP rule.
    public var apiURL: String
    /// `ping` (accepted for compatibility; no ping request is made).
    public var ping: Bool = false
    /// `credentials`, e.g. `env:REGISTRY_CREDS`.
    public var credentials: CredentialSource?
    /// `credsexpire` (accepted; credentials are read once per run).
    public var credentialsExpire: Duration?
    /// `defaultns`: namespace prepended to single-component repository names.
    public var defaultNamespace: String?
    /// `default`: use this registry for images without an explicit registry.
    public var isDefault: Bool = false
    /// `insecure`: skip TLS verification (with a warning).
    public var insecure: Bool = false
    /// `limit`: requests per second to this registry (also caps concurrent requests).
    public var limit: Int?
    /// `tagsortmode`.
    public var tagSortMode: TagSortMode = .none
    /// `ca_file`: PEM CA bundle trusted in addition to the system store.
    public var caFile: String?
    /// `ca_data`: inline PEM CA trusted in addition to the system store.
    public var caData: String?
    /// Line of the entry in its file, for messages.
    public var line: Int?

    /// Creates an entry; fields not given keep Argo CD Image Updater's defaults.
    public init(name: String, prefix: String, apiURL: String) {
        self.name = name
        self.prefix = prefix
        self.apiURL = apiURL
    }

    /// Host (and port) of `api_url`, used to match TLS hints and credentials.
    var apiHost: String? {
        guard let url = RegistryURL(apiURL) else { return nil }
        return url.authority
    }

    /// Checks fields that cannot be checked by type alone and loads the CA data so a bad PEM fails early.
    func validated(source: String) throws(RegistryError) -> RegistryEntry {
        let location = line.map { "\(source):\($0)" } ?? source
        func fail(_ detail: String) -> RegistryError {
            RegistryError(.configuration(detail: "\(location): registry \(Self.quoted(name)): \(detail)"))
        }
        guard !name.isEmpty else {
            throw RegistryError(.configuration(detail: "\(location): registry entry has no name"))
        }
        guard let url = RegistryURL(apiURL), url.scheme == "http" || url.scheme == "https" else {
            throw fail("api_url \(Self.quoted(apiURL)) must be an http:// or https:// URL")
        }
        _ = url
        if let limit, limit <= 0 { throw fail("limit must be a positive number of requests per second") }
        if let caData, !insecure {
            guard (try? NIOSSLCertificate.fromPEMBytes(Array(caData.utf8)))?.isEmpty == false else {
                throw fail("ca_data does not contain a valid PEM certificate")
            }
        }
        return self
    }

    static func quoted(_ text: String) -> String { "'" + RegistryError.oneLine(String(text.prefix(200))) + "'" }
}
