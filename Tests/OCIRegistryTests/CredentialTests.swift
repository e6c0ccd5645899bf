import Foundation
import ImageRef
import Testing

@testable import OCIRegistry

@Suite("credentials: sources and docker config.json")
struct CredentialTests {
    @Test(
        "credential sources parse as Image Updater writes them",
        arguments: ["env:REG", "pullsecret:argocd/secret", "secret:argocd/secret#creds", "ENV:REG"]
    )
    func validSources(text: String) throws {
        #expect(try CredentialSource(parsing: text, origin: .annotation).text == text)
    }

    @Test(
        "invalid sources",
        arguments: ["env:", "pullsecret:argocd", "secret:argocd/x", "secret:a/b#", "nothing", "x:y", "env:A:B"]
    )
    func invalidSources(text: String) {
        #expect(throws: RegistryError.self) { try CredentialSource(parsing: text, origin: .registriesConf) }
    }

    @Test("ext: is refused from an annotation and accepted from registries.conf")
    func externalScripts() throws {
        #expect {
            _ = try CredentialSource(parsing: "ext:/bin/creds", origin: .annotation)
        } throws: { error in
            String(describing: error).contains("never from an annotation")
        }
        #expect(try CredentialSource(parsing: "ext:/bin/creds", origin: .registriesConf).text == "ext:/bin/creds")
    }

    @Test("docker config: base64 auth, username/password, and Docker Hub's historical key")
    func dockerConfig() throws {
        let json = """
            {"auths": {
              "https://index.docker.io/v1/": {"auth": "\(Base64.encode(Array("hubuser:hub:pass".utf8)))"},
              "registry.example.com:5000": {"username": "alice", "password": "s3cret"},
              "http://legacy.example.com/v2/": {"auth": "\(Base64.encode(Array("bob:pw".utf8)))"}
            }}
            """
        let config = try DockerConfig(json: Data(json.utf8), path: "/tmp/config.json")
        let hub = try #require(try config.credential(for: "docker.io"))
        #expect(hub.username == "hubuser")
        #expect(hub.password == "hub:pass")
        #expect(try config.credential(for: "registry.example.com:5000")?.username == "alice")
        #expect(try config.credential(for: "legacy.example.com")?.password == "pw")
        #expect(try config.credential(for: "ghcr.io") == nil)
        #expect(!String(describing: hub).contains("hub:pass"))
    }

    @Test("credHelpers and credsStore for the registry are clear errors")
    func helpersUnsupported() throws {
        let json = """
            {"auths": {"ghcr.io": {}}, "credsStore": "desktop", "credHelpers": {"123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"}}
            """
        let config = try DockerConfig(json: Data(json.utf8), path: "/home/u/.docker/config.json")
        #expect {
            _ = try config.credential(for: "123.dkr.ecr.us-east-1.amazonaws.com")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("credHelpers") && text.contains("not supported")
                && text.contains("/home/u/.docker/config.json")
        }
        #expect {
            _ = try config.credential(for: "ghcr.io")
        } throws: { error in
            String(describing: error).contains("credsStore 'desktop'")
        }
        // A registry the store does not mention stays anonymous.
        #expect(try config.credential(for: "quay.io") == nil)
    }

    @Test("bad docker config files")
    func badDockerConfig() throws {
        #expect(throws: RegistryError.self) { try DockerConfig(json: Data("nope".utf8), path: "c.json") }
        let config = try DockerConfig(json: Data(#"{"auths": {"a.io": {"auth": "!!!"}}}"#.utf8), path: "c.json")
        #expect(throws: RegistryError.self) { try config.credential(for: "a.io") }
    }

    @Test("DOCKER_CONFIG wins over HOME; a missing file means no docker config")
    func dockerConfigLocation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"auths": {"a.io": {"username": "u", "password": "p"}}}"#.utf8)
            .write(to: directory.appendingPathComponent("config.json"))
        let loaded = try #require(
            try DockerConfig.load(environment: ["DOCKER_CONFIG": directory.path, "HOME": "/nonexistent"]))
        #expect(try loaded.credential(for: "a.io")?.username == "u")
        #expect(try DockerConfig.load(environment: ["HOME": "/nonexistent"]) == nil)
    }

    @Test("env: credentials: user:password, missing and malformed values")
    func environmentCredentials() async throws {
        let resolver = CredentialResolver(
            dockerConfig: nil,
            environment: ["GOOD": "user:pa:ss", "BAD": "nocolon"],
            warnings: WarningLog(logger: .init(label: "test"), handler: nil)
        )
        let image = try ImageReference(parsing: "ghcr.io/a/b")
        let good = try await resolver.choose(for: image, entry: nil, pullSecret: "env:GOOD")
        #expect(good.credential?.password == "pa:ss")
        await #expect(throws: RegistryError.self) {
            try await resolver.choose(for: image, entry: nil, pullSecret: "env:BAD")
        }
        await #expect(throws: RegistryError.self) {
            try await resolver.choose(for: image, entry: nil, pullSecret: "env:MISSING")
        }
    }

    @Test("ext: scripts from registries.conf: user:password on stdout; failures are clear")
    func externalScriptRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func script(_ name: String, _ body: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            return url.path
        }
        let resolver = CredentialResolver(
            dockerConfig: nil,
            environment: [:],
            warnings: WarningLog(logger: .init(label: "test"), handler: nil)
        )
        let image = try ImageReference(parsing: "ghcr.io/a/b")
        func entry(_ source: String) throws -> RegistryEntry {
            var entry = RegistryEntry(name: "g", prefix: "ghcr.io", apiURL: "https://ghcr.io")
            entry.credentials = try CredentialSource(parsing: source, origin: .registriesConf)
            return entry
        }
        let good = try script("good.sh", "echo robot:s3cret")
        let choice = try await resolver.choose(for: image, entry: try entry("ext:\(good)"), pullSecret: nil)
        #expect(choice.credential?.username == "robot")
        #expect(choice.credential?.password == "s3cret")
        let failing = try script("fail.sh", "echo robot:s3cret; exit 3")
        await #expect {
            _ = try await resolver.choose(for: image, entry: try entry("ext:\(failing)"), pullSecret: nil)
        } throws: { error in
            String(describing: error).contains("exited with status 3") && !String(describing: error).contains("s3cret")
        }
        let garbage = try script("garbage.sh", "echo nothing-useful")
        await #expect {
            _ = try await resolver.choose(for: image, entry: try entry("ext:\(garbage)"), pullSecret: nil)
        } throws: { error in
            String(describing: error).contains("not one line user:password")
        }
        await #expect {
            _ = try await resolver.choose(for: image, entry: try entry("ext:relative.sh"), pullSecret: nil)
        } throws: { error in
            String(describing: error).contains("must be absolute")
        }
    }
}
