import Foundation

/// A throw-away CA and a server certificate for `127.0.0.1` / `localhost`, made with the openssl CLI.
struct TestCertificateAuthority: Sendable {
    let caCertificatePath: String
    let caCertificatePEM: String
    let serverCertificatePath: String
    let serverKeyPath: String

    static let openssl = "/usr/bin/openssl"

    static func make(in directory: URL) async throws -> TestCertificateAuthority {
        let ca = directory.appendingPathComponent("ca.pem").path
        let caKey = directory.appendingPathComponent("ca.key").path
        let server = directory.appendingPathComponent("server.pem").path
        let serverKey = directory.appendingPathComponent("server.key").path
        let serverRequest = directory.appendingPathComponent("server.csr").path
        let extensions = directory.appendingPathComponent("server.ext")
        try Data(
            """
            subjectAltName=IP:127.0.0.1,DNS:localhost
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature,keyEncipherment
            extendedKeyUsage=serverAuth

            """.utf8
        ).write(to: extensions)

        try await Command.run(
            openssl,
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey, "-out", ca, "-days", "2", "-subj", "/CN=argocd-image-pr test CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
        try await Command.run(
            openssl,
            [
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", serverKey, "-out", serverRequest, "-subj", "/CN=127.0.0.1",
            ])
        try await Command.run(
            openssl,
            [
                "x509", "-req", "-in", serverRequest, "-CA", ca, "-CAkey", caKey, "-CAcreateserial",
                "-out", server, "-days", "2", "-extfile", extensions.path,
            ])
        return TestCertificateAuthority(
            caCertificatePath: ca,
            caCertificatePEM: try String(contentsOfFile: ca, encoding: .utf8),
            serverCertificatePath: server,
            serverKeyPath: serverKey
        )
    }
}
