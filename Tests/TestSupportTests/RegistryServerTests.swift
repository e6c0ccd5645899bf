import Foundation
import Testing

@testable import TestSupport

@Suite("RegistryServer")
struct RegistryServerTests {
    static let manifestAccept = [
        MediaTypes.ociManifest, MediaTypes.dockerManifest, MediaTypes.ociIndex, MediaTypes.dockerManifestList,
    ].joined(separator: ", ")

    @Test("anonymous registry accepts a push and serves tags and manifest")
    func anonymous() async throws {
        let image = TestImage(created: Date(timeIntervalSince1970: 1_700_000_000), labels: ["team": "a"])
        let port = try await withRegistry { registry in
            #expect(registry.host == "127.0.0.1:\(registry.port)")
            #expect(registry.baseURL == "http://\(registry.host)")
            let digest = try await ImagePusher(registry: registry).push(image, repository: "team/app", tag: "1.0.0")
            #expect(digest == image.manifestDigest)

            let tags = try await TestHTTP.send("GET", "\(registry.baseURL)/v2/team/app/tags/list")
            #expect(tags.status == 200)
            #expect(tags.text.contains("\"1.0.0\""))

            let manifest = try await TestHTTP.send(
                "GET", "\(registry.baseURL)/v2/team/app/manifests/1.0.0", headers: ["Accept": Self.manifestAccept])
            #expect(manifest.status == 200)
            #expect(manifest.body == image.manifestData)
            #expect(manifest.header("Docker-Content-Digest") == digest)
            #expect(manifest.header("Content-Type") == MediaTypes.ociManifest)

            let config = try await TestHTTP.send("GET", "\(registry.baseURL)/v2/team/app/blobs/\(image.configDigest)")
            #expect(config.body == image.configData)
            return registry.port
        }
        #expect(!FreePort.isAccepting(port), "registry still listening after stop")
    }

    @Test("stop ends the process and removes the storage directory")
    func stopCleansUp() async throws {
        let registry = try await RegistryServer.start()
        #expect(FileManager.default.fileExists(atPath: registry.directory.path))
        try await registry.stop()
        #expect(!FreePort.isAccepting(registry.port))
        #expect(!FileManager.default.fileExists(atPath: registry.directory.path))
    }

    @Test("basic auth: pusher authenticates, missing or wrong password gets 401")
    func basic() async throws {
        try await withRegistry(auth: .basic(user: "alice", password: "s3cret")) { registry in
            try await ImagePusher(registry: registry).push(TestImage(), repository: "app", tag: "v1")
            let url = "\(registry.baseURL)/v2/app/tags/list"

            let anonymous = try await TestHTTP.send("GET", url)
            #expect(anonymous.status == 401)
            #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Basic") == true)

            let wrong = try await TestHTTP.send(
                "GET", url, headers: ["Authorization": TestHTTP.basic(user: "alice", password: "nope")])
            #expect(wrong.status == 401)

            let right = try await TestHTTP.send(
                "GET", url, headers: ["Authorization": TestHTTP.basic(user: "alice", password: "s3cret")])
            #expect(right.status == 200)
            #expect(right.text.contains("\"v1\""))
        }
    }

    @Test("TLS: served with a certificate from the test CA")
    func tls() async throws {
        try await withRegistry(tls: true) { registry in
            #expect(registry.baseURL.hasPrefix("https://127.0.0.1:"))
            let pem = try #require(registry.caCertificatePEM)
            let path = try #require(registry.caCertificatePath)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == pem)

            try await ImagePusher(registry: registry).push(TestImage(), repository: "secure", tag: "v1")
            let tags = try await TestHTTP.send("GET", "\(registry.baseURL)/v2/secure/tags/list", trusting: pem)
            #expect(tags.status == 200)
            #expect(tags.text.contains("\"v1\""))

            await #expect(throws: (any Error).self) {
                _ = try await TestHTTP.send("GET", "\(registry.baseURL)/v2/", timeout: .milliseconds(500))
            }
        }
    }

    @Test("multi-arch index and Docker manifest list", arguments: [TestImage.Format.oci, .docker])
    func index(format: TestImage.Format) async throws {
        let images = [
            TestImage(architecture: "amd64", format: format, seed: "x"),
            TestImage(architecture: "arm64", variant: "v8", format: format, seed: "x"),
        ]
        try await withRegistry { registry in
            let digest = try await ImagePusher(registry: registry).pushIndex(images, repository: "multi", tag: "1.0")
            let index = try await TestHTTP.send(
                "GET", "\(registry.baseURL)/v2/multi/manifests/1.0", headers: ["Accept": Self.manifestAccept])
            #expect(index.status == 200)
            #expect(index.header("Docker-Content-Digest") == digest)
            #expect(index.header("Content-Type") == TestImage.indexMediaType(for: format))
            let object = try #require(try JSONSerialization.jsonObject(with: index.body) as? [String: Any])
            let manifests = try #require(object["manifests"] as? [[String: Any]])
            #expect(manifests.compactMap { $0["digest"] as? String } == images.map(\.manifestDigest))

            let child = try await TestHTTP.send(
                "GET", "\(registry.baseURL)/v2/multi/manifests/\(images[1].manifestDigest)",
                headers: ["Accept": Self.manifestAccept])
            #expect(child.status == 200)
            #expect(child.header("Content-Type") == images[1].manifestMediaType)
        }
    }

    @Test("deleteBlob leaves a manifest whose config is missing")
    func missingConfig() async throws {
        try await withRegistry { registry in
            let pusher = ImagePusher(registry: registry)
            let image = TestImage(seed: "orphan")
            try await pusher.push(image, repository: "broken", tag: "v1")
            try await pusher.deleteBlob(repository: "broken", digest: image.configDigest)

            let manifest = try await TestHTTP.send(
                "GET", "\(registry.baseURL)/v2/broken/manifests/v1", headers: ["Accept": Self.manifestAccept])
            #expect(manifest.status == 200)
            let config = try await TestHTTP.send("GET", "\(registry.baseURL)/v2/broken/blobs/\(image.configDigest)")
            #expect(config.status == 404)
        }
    }

    @Test("pushRaw reports the registry's rejection of a malformed manifest")
    func pushRawRejected() async throws {
        try await withRegistry { registry in
            await #expect(throws: TestSupportError.self) {
                try await ImagePusher(registry: registry).pushRaw(
                    manifest: Data("{not json".utf8), mediaType: MediaTypes.ociManifest, repository: "raw",
                    reference: "bad")
            }
        }
    }
}
