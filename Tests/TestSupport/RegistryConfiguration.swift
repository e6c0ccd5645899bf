import Foundation

/// The `config.yml` of one test registry; every value is written as a JSON string, which is valid YAML.
struct RegistryConfiguration: Sendable {
    struct Token: Sendable {
        var realm: String
        var service: String
        var issuer: String
        var rootCertificateBundle: String
    }

    var port: Int
    var storageDirectory: String
    var tls: (certificate: String, key: String)?
    var htpasswd: String?
    var token: Token?

    var yaml: String {
        var lines = [
            "version: 0.1",
            "log:",
            "  level: error",
            "  accesslog:",
            "    disabled: true",
            "storage:",
            "  filesystem:",
            "    rootdirectory: \(quoted(storageDirectory))",
            "  delete:",
            "    enabled: true",
            "  maintenance:",
            "    uploadpurging:",
            "      enabled: false",
            "http:",
            "  addr: \(quoted("127.0.0.1:\(port)"))",
            "  secret: \(quoted("argocd-image-pr-test-secret"))",
        ]
        if let tls {
            lines += ["  tls:", "    certificate: \(quoted(tls.certificate))", "    key: \(quoted(tls.key))"]
        }
        if let htpasswd {
            lines += ["auth:", "  htpasswd:", "    realm: \(quoted("test-registry"))", "    path: \(quoted(htpasswd))"]
        } else if let token {
            lines += [
                "auth:", "  token:",
                "    realm: \(quoted(token.realm))",
                "    service: \(quoted(token.service))",
                "    issuer: \(quoted(token.issuer))",
                "    rootcertbundle: \(quoted(token.rootCertificateBundle))",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func quoted(_ value: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = (try? encoder.encode(value)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
