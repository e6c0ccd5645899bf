import Foundation
import OCIRegistry
import TestSupport
import Testing

/// Runs `body` with a registry holding `app:v1` behind a fault proxy; everything is stopped afterwards.
private func withFaultyRegistry(
    _ faults: [FaultRule],
    _ body: (FaultProxy) async throws -> Void
) async throws {
    try await withRegistry { registry in
        try await ImagePusher(registry: registry).push(sampleImage("f"), repository: "app", tag: "v1")
        let proxy = try await FaultProxy.start(upstream: registry, faults: faults)
        do {
            try await body(proxy)
        } catch {
            try? await proxy.stop()
            throw error
        }
        try await proxy.stop()
    }
}

@Suite("registry client against a misbehaving registry: retries, limits, timeouts", .serialized)
struct RegistryFaultTests {
    @Test("429 with Retry-After, then success")
    func retryAfter() async throws {
        try await withFaultyRegistry([FaultRule(path: "/tags/list", fault: .status(429, retryAfter: "1", times: 1))]) {
            proxy in
            let start = ContinuousClock.now
            try await withClient { client, _ throws in
                #expect(try await client.listTags(try image(proxy.host, "app")) == ["v1"])
            }
            #expect(ContinuousClock.now - start >= .seconds(1))
            #expect(await proxy.requests().filter { $0.path.hasSuffix("/tags/list") }.count == 2)
        }
    }

    @Test("500 three times then success; 500 every time fails after three retries with a clear error")
    func serverErrors() async throws {
        try await withFaultyRegistry([FaultRule(path: "/manifests/", fault: .status(500, times: 3))]) { proxy in
            try await withClient { client, _ throws in
                #expect(try await client.resolve(try image(proxy.host, "app"), tag: "v1") != nil)
            }
        }
        try await withFaultyRegistry([FaultRule(path: "/tags/list", fault: .status(500, times: 100))]) { proxy in
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.listTags(try image(proxy.host, "app"))
                } throws: { error in
                    describes(error, ["registry \(proxy.host)", "repository app", "GET tags/list", "500"])
                }
            }
            #expect(await proxy.requests().filter { $0.path.hasSuffix("/tags/list") }.count == 4)
        }
    }

    @Test("Retry-After longer than allowed is an error at once")
    func retryAfterTooLong() async throws {
        try await withFaultyRegistry([FaultRule(path: "/tags/list", fault: .status(429, retryAfter: "120", times: 5))])
        {
            proxy in
            let start = ContinuousClock.now
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.listTags(try image(proxy.host, "app"))
                } throws: { error in
                    describes(error, ["Retry-After 120 s", "60 s"])
                }
            }
            #expect(ContinuousClock.now - start < .seconds(5))
        }
    }

    @Test("a slow drip ends at the whole-request deadline")
    func slowDrip() async throws {
        try await withFaultyRegistry([FaultRule(path: "/manifests/", fault: .slowDrip(bytesPerSecond: 20))]) { proxy in
            let start = ContinuousClock.now
            try await withClient(limits: testLimits { $0.requestTimeout = .seconds(2) }) { client, _ throws in
                await #expect {
                    _ = try await client.resolve(try image(proxy.host, "app"), tag: "v1")
                } throws: { error in
                    describes(error, ["GET manifest v1", "within 2 s"])
                }
            }
            #expect(ContinuousClock.now - start < .seconds(6))
        }
    }

    @Test("bodies over the limit are refused while streaming")
    func oversizedBody() async throws {
        try await withFaultyRegistry([]) { proxy in
            try await withClient(limits: testLimits { $0.maximumManifestBytes = 64 }) { client, _ throws in
                await #expect {
                    _ = try await client.resolve(try image(proxy.host, "app"), tag: "v1")
                } throws: { error in
                    describes(error, ["GET manifest v1", "larger than 64 bytes"])
                }
            }
            try await withClient(limits: testLimits { $0.maximumTagListBytes = 10 }) { client, _ throws in
                await #expect {
                    _ = try await client.listTags(try image(proxy.host, "app"))
                } throws: { error in
                    describes(error, ["GET tags/list", "larger than 10 bytes"])
                }
            }
        }
    }

    @Test("a digest header that does not match the body is refused")
    func wrongDigest() async throws {
        try await withFaultyRegistry([FaultRule(path: "/manifests/v1", fault: .wrongDigestHeader)]) { proxy in
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.resolve(try image(proxy.host, "app"), tag: "v1")
                } throws: { error in
                    describes(error, ["does not match"])
                }
            }
        }
    }

    @Test("truncated bodies and reset connections are retried, then reported")
    func brokenConnections() async throws {
        try await withFaultyRegistry([FaultRule(path: "/tags/list", fault: .truncateBody, times: 1)]) { proxy in
            try await withClient { client, _ throws in
                #expect(try await client.listTags(try image(proxy.host, "app")) == ["v1"])
            }
        }
        try await withFaultyRegistry([FaultRule(path: "/tags/list", fault: .resetConnection)]) { proxy in
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.listTags(try image(proxy.host, "app"))
                } throws: { error in
                    describes(error, ["registry \(proxy.host)", "connection"])
                }
            }
        }
    }

    @Test("redirects: at most five, only to http(s)")
    func redirects() async throws {
        let loop = FaultRule(
            path: "/tags/list",
            fault: .respond(status: 307, headers: ["Location": "/v2/app/tags/list?again=1"], body: Data()),
            times: 100
        )
        try await withFaultyRegistry([loop]) { proxy in
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.listTags(try image(proxy.host, "app"))
                } throws: { error in
                    describes(error, ["more than 5 redirects"])
                }
            }
        }
        let ftp = FaultRule(
            path: "/tags/list",
            fault: .respond(status: 302, headers: ["Location": "ftp://example.com/x"], body: Data()),
            times: 100
        )
        try await withFaultyRegistry([ftp]) { proxy in
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.listTags(try image(proxy.host, "app"))
                } throws: { error in
                    describes(error, ["refusing redirect", "only http and https"])
                }
            }
        }
    }

    @Test("a token realm that is not http(s) is refused")
    func badRealm() async throws {
        let challenge = FaultRule(
            path: "/v2/",
            fault: .respond(
                status: 401,
                headers: ["WWW-Authenticate": #"Bearer realm="file:///etc/passwd",service="x""#],
                body: Data()
            ),
            times: 100
        )
        try await withFaultyRegistry([challenge]) { proxy in
            try await withClient { client, _ throws in
                await #expect {
                    _ = try await client.listTags(try image(proxy.host, "app"))
                } throws: { error in
                    describes(error, ["token realm", "not an http(s) URL"])
                }
            }
        }
    }

    @Test("invalid OCI tags in a tag list are dropped")
    func invalidTagsDropped() async throws {
        let list = FaultRule(
            path: "/tags/list",
            fault: .respond(
                status: 200,
                headers: ["Content-Type": "application/json"],
                body: Data(#"{"name":"app","tags":["v1","-bad","ok_2","a b","v1"]}"#.utf8)
            ),
            times: 100
        )
        try await withFaultyRegistry([list]) { proxy in
            try await withClient { client, _ throws in
                #expect(try await client.listTags(try image(proxy.host, "app")) == ["v1", "ok_2"])
            }
        }
    }

    @Test("registries.conf limit paces requests to the registry")
    func rateLimit() async throws {
        try await withFaultyRegistry([]) { proxy in
            let conf = """
                registries:
                - name: slow
                  prefix: \(proxy.host)
                  api_url: \(proxy.baseURL)
                  limit: 10
                """
            let start = ContinuousClock.now
            try await withClient(registriesConf: conf) { client, _ throws in
                let reference = try image(proxy.host, "app")
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<6 {
                        group.addTask { _ = try? await client.resolve(reference, tag: "missing\(index)") }
                    }
                    try await group.waitForAll()
                }
            }
            // Six request starts at ten per second need at least half a second.
            #expect(ContinuousClock.now - start >= .milliseconds(450))
        }
    }
}
