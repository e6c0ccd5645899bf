import Foundation

/// Credentials from a docker `config.json`: `auths` entries with a base64 `auth` or `username`/`password`.
///
/// `credHelpers` and `credsStore` are not supported; asking for a registry they cover is a clear error.
public struct DockerConfig: Sendable, Equatable {
    struct AuthEntry: Sendable, Equatable {
        var key: String
        var username: String?
        var password: String?
        var auth: String?
    }

    static let maximumFileBytes = 1024 * 1024

    /// The file the configuration was read from, for messages.
    public let path: String
    var auths: [AuthEntry] = []
    var credentialHelpers: [String: String] = [:]
    var credentialsStore: String?

    /// Parses config.json text; `path` names it in messages.
    public init(json: Data, path: String) throws(RegistryError) {
        self.path = path
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw RegistryError(.configuration(detail: "\(path): not valid JSON"))
        }
        guard let root = object as? [String: Any] else {
            throw RegistryError(.configuration(detail: "\(path): expected a JSON object"))
        }
        if let auths = root["auths"] as? [String: Any] {
            for (key, value) in auths.sorted(by: { $0.key < $1.key }) {
                guard let fields = value as? [String: Any] else {
                    throw RegistryError(.configuration(detail: "\(path): auths entry '\(key)' must be an object"))
                }
                self.auths.append(
                    AuthEntry(
                        key: key,
                        username: fields["username"] as? String,
                        password: fields["password"] as? String,
                        auth: fields["auth"] as? String
                    )
                )
            }
        }
        credentialHelpers = root["credHelpers"] as? [String: String] ?? [:]
        credentialsStore = (root["credsStore"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`; nil when the file does not exist.
    public static func load(environment: [String: String]) throws(RegistryError) -> DockerConfig? {
        let path: String
        if let directory = environment["DOCKER_CONFIG"], !directory.isEmpty {
            path = (directory as NSString).appendingPathComponent("config.json")
        } else if let home = environment["HOME"], !home.isEmpty {
            path = (home as NSString).appendingPathComponent(".docker/config.json")
        } else {
            path = (NSHomeDirectory() as NSString).appendingPathComponent(".docker/config.json")
        }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maximumFileBytes {
                throw RegistryError(.configuration(detail: "\(path): larger than \(maximumFileBytes) bytes"))
            }
            return try DockerConfig(json: Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.configuration(detail: "\(path): cannot be read (\(RegistriesConf.reason(error)))"))
        }
    }

    /// The credential for `registry` (host[:port] as in image references), or nil when none is stored.
    public func credential(for registry: String) throws(RegistryError) -> RegistryCredential? {
        let wanted = Self.aliases(of: registry)
        if let helper = credentialHelpers.first(where: { wanted.contains(Self.normalisedKey($0.key)) }) {
            throw RegistryError(
                .credentials(
                    detail: "\(path): credHelpers entry '\(helper.key)' (docker-credential-\(helper.value)) is not "
                        + "supported; put the credentials under auths or use registries.conf credentials: env:VAR"
                ),
                registry: registry
            )
        }
        guard let entry = auths.first(where: { wanted.contains(Self.normalisedKey($0.key)) }) else { return nil }
        if let auth = entry.auth, !auth.isEmpty {
            guard let bytes = Base64.decode(auth),
                let credential = RegistryCredential.parse(
                    String(decoding: bytes, as: UTF8.self),
                    origin: path
                )
            else {
                throw RegistryError(
                    .credentials(
                        detail: "\(path): auths entry '\(entry.key)' has an auth field that is not base64 user:password"
                    ),
                    registry: registry
                )
            }
            return credential
        }
        if let username = entry.username, let password = entry.password, !username.isEmpty, !password.isEmpty {
            return RegistryCredential(username: username, password: password, origin: path)
        }
        if let store = credentialsStore {
            throw RegistryError(
                .credentials(
                    detail: "\(path): credentials for '\(entry.key)' are in credsStore '\(store)', which is not "
                        + "supported; put them under auths or use registries.conf credentials: env:VAR"
                ),
                registry: registry
            )
        }
        return nil
    }

    /// The keys a registry may be stored under, normalised; Docker Hub has several historical names.
    static func aliases(of registry: String) -> Set<String> {
        let host = registry.lowercased()
        if ["docker.io", "index.docker.io", "registry-1.docker.io"].contains(host) {
            return ["docker.io", "index.docker.io", "registry-1.docker.io"]
        }
        return [host]
    }

    /// `https://index.docker.io/v1/` → `index.docker.io`; `registry.example.com:5000` stays as it is.
    static func normalisedKey(_ key: String) -> String {
        var text = Substring(key.lowercased())
        if let range = text.range(of: "://") { text = text[range.upperBound...] }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        return String(text)
    }
}
