import Foundation
import ImageRef
import NIOSSL

/// Where and how one registry is spoken to: base URL, TLS trust and the registries.conf entry behind it.
struct RegistryEndpoint: Sendable {
    /// Registry as written in image references (`docker.io`, `127.0.0.1:5000`), for messages.
    let registry: String
    let baseURL: RegistryURL
    let tls: TLSConfiguration?
    let entry: RegistryEntry?
    let source: String

    var insecure: Bool { entry?.insecure == true && baseURL.scheme == "https" }

    /// Chooses the endpoint: registries.conf `api_url` wins; otherwise loopback hosts are plain HTTP
    /// (Docker's rule) and everything else HTTPS, with Docker Hub at `registry-1.docker.io`.
    init(for reference: ImageReference, configuration: RegistriesConf) throws(RegistryError) {
        let entry = configuration.entry(for: reference)
        let text: String
        if let entry {
            text = entry.apiURL
        } else {
            let host = reference.apiHost
            text = (Self.isLoopback(host) ? "http://" : "https://") + host
        }
        guard let url = RegistryURL(text) else {
            throw RegistryError(.configuration(detail: "invalid API URL \(CredentialSource.quoted(text))"))
        }
        self.registry = reference.registry
        self.baseURL = url
        self.entry = entry
        self.source = configuration.source
        self.tls = try Self.tlsConfiguration(for: entry, url: url, source: configuration.source)
    }

    /// The repository path inside the registry, with registries.conf `defaultns` for single-component names.
    func repositoryPath(_ reference: ImageReference) -> String {
        var repository = reference.repository
        if let entry, entry.isDefault, reference.registry == "docker.io", entry.prefix != "docker.io",
            repository.hasPrefix("library/")
        {
            // A non-Hub default registry: `nginx` means `<defaultns>/nginx` there, not `library/nginx`.
            repository = String(repository.dropFirst("library/".count))
        }
        if let namespace = entry?.defaultNamespace, !repository.contains("/") {
            repository = namespace + "/" + repository
        }
        return repository
    }

    /// The registries.conf change that makes an untrusted certificate trusted.
    var untrustedCertificateHint: String {
        let prefix = entry?.prefix.isEmpty == false ? entry!.prefix : registry
        if let entry, entry.caFile != nil || entry.caData != nil {
            let line = entry.line.map { "\(source):\($0)" } ?? source
            return "the CA configured for prefix \(prefix) at \(line) does not verify this certificate: "
                + "check its ca_file/ca_data, or set `insecure: true` to skip verification"
        }
        if entry != nil {
            return "add `ca_file: /path/to/ca.pem` for prefix \(prefix) in registries.conf"
                + ", or `insecure: true` to skip verification"
        }
        return "add `ca_file: /path/to/ca.pem` for prefix \(prefix) in registries.conf, in an entry with "
            + "prefix: \(prefix) and api_url: \(baseURL), or `insecure: true` to skip verification"
    }

    /// Shown with a 400 from a plain-HTTP endpoint, which is what a TLS-only registry answers to HTTP.
    var plainHTTPHint: String? {
        guard baseURL.scheme == "http", entry == nil else { return nil }
        return "if the registry speaks HTTPS, add an entry with prefix: \(registry) and api_url: "
            + "https://\(baseURL.authority) to registries.conf"
    }

    static func isLoopback(_ hostAndPort: String) -> Bool {
        guard let url = RegistryURL("http://" + hostAndPort) else { return false }
        let host = url.host
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private static func tlsConfiguration(
        for entry: RegistryEntry?,
        url: RegistryURL,
        source: String
    ) throws(RegistryError) -> TLSConfiguration? {
        guard url.scheme == "https", let entry else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if entry.insecure {
            configuration.certificateVerification = .none
            return configuration
        }
        var certificates: [NIOSSLCertificate] = []
        let location = entry.line.map { "\(source):\($0)" } ?? source
        if let data = entry.caData {
            guard let parsed = try? NIOSSLCertificate.fromPEMBytes(Array(data.utf8)), !parsed.isEmpty else {
                throw RegistryError(
                    .configuration(detail: "\(location): ca_data for prefix \(entry.prefix) is not a PEM certificate")
                )
            }
            certificates += parsed
        }
        if let file = entry.caFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RegistryError(
                    .configuration(detail: "\(location): ca_file \(file) for prefix \(entry.prefix) cannot be read")
                )
            }
            guard let parsed = try? NIOSSLCertificate.fromPEMBytes(Array(data)), !parsed.isEmpty else {
                throw RegistryError(
                    .configuration(
                        detail: "\(location): ca_file \(file) for prefix \(entry.prefix) has no PEM certificate"
                    )
                )
            }
            certificates += parsed
        }
        guard !certificates.isEmpty else { return nil }
        configuration.additionalTrustRoots = [.certificates(certificates)]
        return configuration
    }
}
