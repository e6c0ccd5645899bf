import Foundation
import OCIRegistry
import TestSupport
import Testing

@Suite("registry client against a real registry: auth and TLS", .serialized)
struct RegistryAuthTests {
    @Test("anonymous: list tags and resolve digest, created and labels")
    func anonymous() async throws {
        try await withRegistry { registry in
            let pusher = ImagePusher(registry: registry)
            let digest = try await pusher.push(sampleImage("a"), repository: "team/app", tag: "1.0.0")
            try await pusher.push(sampleImage("b"), repository: "team/app", tag: "1.1.0")
            try await withClient { client, _ throws in
                let reference = try image(registry.host, "team/app")
                #expect(Set(try await client.listTags(reference)) == ["1.0.0", "1.1.0"])
                let resolved = try #require(try await client.resolve(reference, tag: "1.0.0"))
                #expect(resolved.digest == digest)
                #expect(resolved.reference.description == "\(registry.host)/team/app:1.0.0@\(digest)")
                #expect(resolved.created == Date(timeIntervalSince1970: 1_714_557_600))
                #expect(resolved.sourceLabel == "https://github.com/example/a")
                #expect(resolved.revisionLabel == "rev-a")
                #expect(!resolved.isMultiPlatform)
                let byDigest = try #require(try await client.resolve(try reference.withDigest(digest)))
                #expect(byDigest.digest == digest)
            }
        }
    }

    @Test("basic auth with docker config.json credentials; a wrong password is a 401 without the secret")
    func basic() async throws {
        try await withRegistry(auth: .basic(user: "alice", password: "wonderland")) { registry in
            try await ImagePusher(registry: registry).push(sampleImage("a"), repository: "app", tag: "v1")
            let reference = try image(registry.host, "app")
            let good = try DockerConfig(
                json: Data(#"{"auths":{"\#(registry.host)":{"username":"alice","password":"wonderland"}}}"#.utf8),
                path: "config.json"
            )
            try await withClient(dockerConfig: good) { client, _ throws in
                #expect(try await client.listTags(reference) == ["v1"])
                #expect(try await client.resolve(reference, tag: "v1") != nil)
            }
            let bad = try DockerConfig(
                json: Data(#"{"auths":{"\#(registry.host)":{"username":"alice","password":"hunter2"}}}"#.utf8),
                path: "config.json"
            )
            try await withClient(dockerConfig: bad) { client, _ throws in
                await #expect {
                    _ = try await client.listTags(reference)
                } throws: { error in
                    describes(
                        error,
                        ["registry \(registry.host)", "repository app", "GET tags/list", "401"],
                        secrets: ["hunter2"]
                    )
                }
            }
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.listTags(reference)
                } throws: { error in
                    describes(error, ["401", "no credentials for \(registry.host)"])
                }
            }
        }
    }

    @Test("token auth with env: credentials: one token serves every request of the scope")
    func token() async throws {
        try await withRegistry(auth: .token(user: "bot", password: "t0ken-pass")) { registry in
            let pusher = ImagePusher(registry: registry)
            for tag in ["1", "2", "3"] {
                try await pusher.push(sampleImage(tag), repository: "org/app", tag: tag)
            }
            let before = await registry.tokensIssued()
            let conf = """
                registries:
                - name: local
                  prefix: \(registry.host)
                  api_url: \(registry.baseURL)
                  credentials: env:REG_CREDS
                """
            try await withClient(registriesConf: conf, environment: ["REG_CREDS": "bot:t0ken-pass"]) {
                client, _ throws in
                let reference = try image(registry.host, "org/app")
                let tags = try await client.listTags(reference)
                #expect(Set(tags) == ["1", "2", "3"])
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for tag in tags {
                        group.addTask { () throws in
                            #expect(try await client.resolve(reference, tag: tag)?.created != nil)
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(await registry.tokensIssued() - before == 1)
            try await withClient(registriesConf: conf, environment: ["REG_CREDS": "bot:wrong"]) { client, _ throws in
                await #expect {
                    _ = try await client.listTags(try image(registry.host, "org/app"))
                } throws: { error in
                    describes(error, ["token", "401", "env:REG_CREDS"], secrets: ["wrong"])
                }
            }
        }
    }

    @Test("anonymous token and a pull-secret annotation that cannot be read: warning once, then anonymous")
    func anonymousToken() async throws {
        try await withRegistry(auth: .token(user: "bot", password: "pw"), anonymousPull: true) { registry in
            try await ImagePusher(registry: registry).push(sampleImage("a"), repository: "pub", tag: "latest")
            try await withClient { client, warnings throws in
                let reference = try image(registry.host, "pub")
                let secret = "pullsecret:argocd/dockerhub-secret"
                #expect(try await client.listTags(reference, pullSecret: secret) == ["latest"])
                #expect(try await client.resolve(reference, pullSecret: secret) != nil)
                #expect(warnings.messages.count == 1)
                #expect(warnings.messages.first?.contains("cannot be read outside a cluster") == true)
                await #expect {
                    _ = try await client.listTags(reference, pullSecret: "ext:/bin/sh")
                } throws: { error in
                    describes(error, ["refused", "annotation"])
                }
            }
        }
    }

    @Test("a pull secret that cannot be read, against a registry that needs auth: the 401 names the annotation")
    func unreadablePullSecret() async throws {
        try await withRegistry(auth: .basic(user: "u", password: "p")) { registry in
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.listTags(
                        try image(registry.host, "app"),
                        pullSecret: "secret:argocd/creds#token"
                    )
                } throws: { error in
                    describes(error, ["401", "secret:argocd/creds#token", "could not be read outside a cluster"])
                }
            }
        }
    }

    @Test("TLS: custom CA through ca_file or ca_data works; without it the error names the line to add")
    func customCA() async throws {
        try await withRegistry(tls: true) { registry in
            try await ImagePusher(registry: registry).push(sampleImage("a"), repository: "app", tag: "v1")
            let caPath = try #require(registry.caCertificatePath)
            let caPEM = try #require(registry.caCertificatePEM)
            let reference = try image(registry.host, "app")
            let base = """
                registries:
                - name: harbor
                  prefix: \(registry.host)
                  api_url: \(registry.baseURL)
                """
            try await withClient(registriesConf: base + "\n  ca_file: \(caPath)\n") { client, _ throws in
                #expect(try await client.listTags(reference) == ["v1"])
            }
            let indented = caPEM.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            try await withClient(registriesConf: base + "\n  ca_data: |\n\(indented)\n") { client, _ throws in
                #expect(try await client.resolve(reference, tag: "v1") != nil)
            }
            try await withClient(registriesConf: base) { client, _ throws in
                await #expect {
                    _ = try await client.listTags(reference)
                } throws: { error in
                    describes(
                        error,
                        [
                            "registry \(registry.host)", "not trusted",
                            "add `ca_file: /path/to/ca.pem` for prefix \(registry.host) in registries.conf",
                        ]
                    )
                }
            }
        }
    }

    @Test("insecure: true skips verification and warns once per registry")
    func insecure() async throws {
        try await withRegistry(tls: true) { registry in
            try await ImagePusher(registry: registry).push(sampleImage("a"), repository: "app", tag: "v1")
            let conf = """
                registries:
                - name: harbor
                  prefix: \(registry.host)
                  api_url: \(registry.baseURL)
                  insecure: true
                """
            try await withClient(registriesConf: conf) { client, warnings throws in
                let reference = try image(registry.host, "app")
                #expect(try await client.listTags(reference) == ["v1"])
                #expect(try await client.resolve(reference, tag: "v1") != nil)
                #expect(warnings.messages.count == 1)
                #expect(warnings.messages.first?.contains("verification is disabled") == true)
            }
        }
    }
}
