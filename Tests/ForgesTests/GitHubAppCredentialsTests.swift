import Forges
import Foundation
import TestSupport
import Testing

@Suite("GitHub App credentials and configuration")
struct GitHubAppCredentialsTests {
    static var key: FakeGitHubAppKey { get throws { try GitHubAppTestbed.sharedKey.get() } }

    @Test func acceptsPKCS1PKCS8AndEscapedNewlines() throws {
        let key = try Self.key
        for pem in [
            key.privateKeyPEM, key.pkcs8PrivateKeyPEM, key.privateKeyPEM.replacingOccurrences(of: "\n", with: "\\n"),
        ] {
            let credentials = try GitHubAppCredentials(appID: " 4242 ", privateKeyPEM: pem)
            #expect(credentials.appID == "4242")
            #expect(credentials.description == "GitHub App 4242")
        }
    }

    @Test(arguments: [
        ("", "is not a PEM private key"),
        ("ghp_0123456789", "is not a PEM private key"),
        (
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAtruncated\n-----END RSA PRIVATE KEY-----",
            "could not be read"
        ),
        ("public", "is not a PEM private key"),
        ("cut", "could not be read"),
    ])
    func badKeysFailWithoutShowingTheKey(pem: String, expected: String) throws {
        let key = try Self.key
        let text =
            switch pem {
            case "public": key.publicKeyPEM
            case "cut": String(key.privateKeyPEM.prefix(400)) + "\n-----END RSA PRIVATE KEY-----\n"
            default: pem
            }
        let error = try #require(throws: GitHubAppError.self) {
            try GitHubAppCredentials(appID: "4242", privateKeyPEM: text)
        }
        #expect(error.description.hasPrefix("GitHub App 4242 private key: "))
        #expect(error.description.contains(expected))
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("MII"), "no key material in \(error)")
    }

    @Test(arguments: ["", "12 34", "app\u{0}id", String(repeating: "9", count: 65)])
    func badAppIDs(appID: String) throws {
        let error = try #require(throws: GitHubAppError.self) {
            try GitHubAppCredentials(appID: appID, privateKeyPEM: try Self.key.privateKeyPEM)
        }
        #expect(error.description.hasPrefix("GitHub App id"))
    }

    @Test func environmentWithoutAppIsNil() throws {
        #expect(try GitHubAppConfiguration.fromEnvironment(["GITHUB_TOKEN": "ghp_x"]) == nil)
    }

    @Test func environmentWithInlineKeyOrFile() throws {
        let key = try Self.key
        let inline = try #require(
            try GitHubAppConfiguration.fromEnvironment([
                "GITHUB_APP_ID": "4242", "GITHUB_APP_PRIVATE_KEY": key.privateKeyPEM,
                "GITHUB_APP_INSTALLATION_ID": "77",
            ]))
        #expect(inline.installationID == 77)
        #expect(inline.description == "GitHub App 4242, installation 77")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("app-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("app.pem")
        try key.privateKeyPEM.write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try #require(
            try GitHubAppConfiguration.fromEnvironment([
                "GITHUB_APP_ID": "4242", "GITHUB_APP_PRIVATE_KEY_FILE": file.path,
            ]))
        #expect(fromFile.installationID == nil)
        #expect(fromFile.credentials.appID == "4242")
    }

    @Test(arguments: [
        (["GITHUB_APP_PRIVATE_KEY": "x"], "GITHUB_APP_ID is not"),
        (["GITHUB_APP_ID": "1"], "neither GITHUB_APP_PRIVATE_KEY nor GITHUB_APP_PRIVATE_KEY_FILE"),
        (["GITHUB_APP_ID": "1", "GITHUB_APP_PRIVATE_KEY": "x", "GITHUB_APP_PRIVATE_KEY_FILE": "/y"], "not both"),
        (["GITHUB_APP_ID": "1", "GITHUB_APP_PRIVATE_KEY_FILE": "/nonexistent/app.pem"], "does not exist"),
        (["GITHUB_APP_ID": "1", "GITHUB_APP_PRIVATE_KEY": "x", "GITHUB_APP_INSTALLATION_ID": "-3"], "positive whole"),
        (["GITHUB_APP_ID": "1", "GITHUB_APP_PRIVATE_KEY": "secret-ish"], "is not a PEM private key"),
    ])
    func badEnvironments(environment: [String: String], expected: String) throws {
        let error = try #require(throws: GitHubAppError.self) {
            try GitHubAppConfiguration.fromEnvironment(environment)
        }
        #expect(error.description.contains(expected), "\(error)")
        #expect(!error.description.contains("secret-ish"))
    }
}
