import Foundation
import Testing

@testable import TestSupport

@Suite("Proxies")
struct ProxyTests {
    @Test("paginating proxy serves pages with Link headers until the list ends")
    func pagination() async throws {
        try await withRegistry { registry in
            let pusher = ImagePusher(registry: registry)
            let image = TestImage()
            for tag in ["e", "a", "d", "b", "c"] {
                try await pusher.push(image, repository: "team/app", tag: tag)
            }
            try await withPaginatingProxy(upstream: registry, pageSize: 2) { proxy in
                var next: String? = "/v2/team/app/tags/list"
                var pages: [[String]] = []
                var links: [String] = []
                while let path = next, pages.count < 10 {
                    let reply = try await TestHTTP.send("GET", proxy.baseURL + path)
                    #expect(reply.status == 200)
                    let object = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
                    pages.append(object["tags"] as? [String] ?? [])
                    next = reply.header("Link").flatMap(Self.nextPath)
                    if let link = reply.header("Link") { links.append(link) }
                }
                #expect(pages == [["a", "b"], ["c", "d"], ["e"]])
                #expect(
                    links == [
                        "</v2/team/app/tags/list?n=2&last=b>; rel=\"next\"",
                        "</v2/team/app/tags/list?n=2&last=d>; rel=\"next\"",
                    ])

                let smaller = try await TestHTTP.send("GET", proxy.baseURL + "/v2/team/app/tags/list?n=1&last=c")
                #expect(smaller.text.contains("[\"d\"]"))
                #expect(smaller.header("Link") == "</v2/team/app/tags/list?n=1&last=d>; rel=\"next\"")

                let manifest = try await TestHTTP.send(
                    "HEAD", proxy.baseURL + "/v2/team/app/manifests/a",
                    headers: ["Accept": MediaTypes.ociManifest])
                #expect(manifest.status == 200)
                #expect(manifest.header("Docker-Content-Digest") == image.manifestDigest)
                #expect(manifest.header("Content-Length") == String(image.manifestData.count))
                #expect(await proxy.requests().count == 5)
            }
        }
    }

    @Test("paginating proxy passes auth challenges through")
    func paginationWithAuth() async throws {
        try await withRegistry(auth: .basic(user: "u", password: "p")) { registry in
            try await ImagePusher(registry: registry).push(TestImage(), repository: "app", tag: "v1")
            let proxy = try await PaginatingProxy.start(upstream: registry, pageSize: 1)
            let denied = try await TestHTTP.send("GET", proxy.baseURL + "/v2/app/tags/list")
            let allowed = try await TestHTTP.send(
                "GET", proxy.baseURL + "/v2/app/tags/list",
                headers: ["Authorization": TestHTTP.basic(user: "u", password: "p")])
            try await proxy.stop()
            #expect(denied.status == 401)
            #expect(allowed.status == 200)
            #expect(allowed.text.contains("\"v1\""))
        }
    }

    @Test("fault proxy answers 429 with Retry-After once, then forwards")
    func tooManyRequests() async throws {
        try await withRegistry { registry in
            try await ImagePusher(registry: registry).push(TestImage(), repository: "app", tag: "v1")
            let rules = [FaultRule(path: "/tags/list", method: "GET", fault: .status(429, retryAfter: "1", times: 1))]
            try await withFaultProxy(upstream: registry.baseURL, faults: rules) { proxy in
                let first = try await TestHTTP.send("GET", proxy.baseURL + "/v2/app/tags/list")
                #expect(first.status == 429)
                #expect(first.header("Retry-After") == "1")
                let second = try await TestHTTP.send("GET", proxy.baseURL + "/v2/app/tags/list")
                #expect(second.status == 200)
                #expect(second.text.contains("\"v1\""))
                let untouched = try await TestHTTP.send("GET", proxy.baseURL + "/v2/")
                #expect(untouched.status == 200)

                let seen = await proxy.requests()
                #expect(seen.map(\.path) == ["/v2/app/tags/list", "/v2/app/tags/list", "/v2/"])
                #expect(seen.map { $0.fault != nil } == [true, false, false])
            }
        }
    }

    @Test("fault proxy: wrong digest, truncated body, reset, canned response, slow drip")
    func otherFaults() async throws {
        try await withRegistry { registry in
            let image = TestImage()
            try await ImagePusher(registry: registry).push(image, repository: "app", tag: "v1")
            let rules = [
                FaultRule(path: "/manifests/wrong", fault: .wrongDigestHeader),
                FaultRule(path: "/manifests/cut", fault: .truncateBody),
                FaultRule(path: "/manifests/reset", fault: .resetConnection),
                FaultRule(
                    pathRegex: "/manifests/can+ed$",
                    fault: .respond(
                        status: 200, headers: ["Content-Type": MediaTypes.ociManifest], body: Data("{".utf8))),
                FaultRule(path: "/blobs/", fault: .slowDrip(bytesPerSecond: 10_000)),
            ]
            // The faulted paths are not real tags; rewrite them upstream by pushing those tags.
            for tag in ["wrong", "cut", "reset"] {
                try await ImagePusher(registry: registry).push(image, repository: "app", tag: tag)
            }
            try await withFaultProxy(upstream: registry.baseURL, faults: rules) { proxy in
                let accept = ["Accept": MediaTypes.ociManifest]
                let wrong = try await TestHTTP.send("GET", proxy.baseURL + "/v2/app/manifests/wrong", headers: accept)
                #expect(wrong.status == 200)
                #expect(wrong.body == image.manifestData)
                #expect(wrong.header("Docker-Content-Digest") != image.manifestDigest)

                await #expect(throws: (any Error).self) {
                    _ = try await TestHTTP.send("GET", proxy.baseURL + "/v2/app/manifests/cut", headers: accept)
                }
                await #expect(throws: (any Error).self) {
                    _ = try await TestHTTP.send("GET", proxy.baseURL + "/v2/app/manifests/reset", headers: accept)
                }
                let canned = try await TestHTTP.send("GET", proxy.baseURL + "/v2/app/manifests/canned")
                #expect(canned.body == Data("{".utf8))

                let clock = ContinuousClock()
                let start = clock.now
                let layer = try await TestHTTP.send("GET", proxy.baseURL + "/v2/app/blobs/\(image.layerDigest)")
                #expect(layer.body == image.layerData)
                #expect(clock.now - start >= .milliseconds(100))
            }
        }
    }

    static func nextPath(_ link: String) -> String? {
        guard let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">"), open < close else {
            return nil
        }
        return String(link[link.index(after: open)..<close])
    }
}
