import Foundation
import TestSupport
import Testing

/// `check-image` through the binary against the real local registry.
@Suite("check-image end to end")
struct CheckImageCommandTests {
    private static func date(_ day: Int) -> Date {
        Date(timeIntervalSince1970: 1_790_000_000 + Double(day) * 86_400)
    }

    /// Tags shaped like the seed's, with created dates that make the newest build a feature branch.
    private static func populate(_ registry: RegistryServer) async throws {
        let pusher = ImagePusher(registry: registry)
        let tags: [(String, Int)] = [
            ("main-1f0c2d4", 1), ("main-b99bc73", 5), ("feature-x-77aa001", 9), ("v1.2.3", 2), ("1.2.4", 3),
            ("1.3.0-rc.1", 6), ("2.0.0", 4), ("latest", 7),
        ]
        for (tag, day) in tags {
            _ = try await pusher.push(
                TestImage(created: date(day), labels: ["tag": tag], seed: tag), repository: "team/app", tag: tag)
        }
    }

    private func check(
        _ arguments: [String], environment: [String: String] = [:]
    ) async throws -> (CLI.Result, [String: Any]?) {
        let result = try await CLI.run(["check-image"] + arguments + ["--format", "json"], environment: environment)
        let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result, object)
    }

    private func selectedTag(_ object: [String: Any]?) -> String? {
        (object?["selected"] as? [String: Any])?["tag"] as? String
    }

    @Test func strategiesChooseAsImageUpdaterDoes() async throws {
        try await withRegistry { registry in
            try await Self.populate(registry)
            let image = "\(registry.host)/team/app"
            let cases: [([String], String?)] = [
                ([image], "2.0.0"),
                (["\(image):~1.2"], "1.2.4"),
                (["\(image):^1.0"], "1.2.4"),
                (["\(image):>=1.3.0-0 <2"], "1.3.0-rc.1"),
                (["\(image):>=3"], nil),
                ([image, "--strategy", "newest-build"], "feature-x-77aa001"),
                ([image, "--strategy", "latest", "--allow-tags", "regexp:^main"], "main-b99bc73"),
                ([image, "--strategy", "newest-build", "--ignore-tags", "feature-*,latest"], "1.3.0-rc.1"),
                (
                    [image, "--strategy", "newest-build", "--ignore-tags", "feature-*", "--ignore-tags", "latest,1.*"],
                    "main-b99bc73"
                ),
                ([image, "--strategy", "alphabetical", "--allow-tags", "regexp:^main-"], "main-b99bc73"),
                (["\(image):main-1f0c2d4", "--strategy", "digest"], "main-1f0c2d4"),
            ]
            for (arguments, expected) in cases {
                let (result, object) = try await check(arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                #expect(selectedTag(object) == expected, "\(arguments)")
                #expect(object?["registry"] as? String == registry.host)
                #expect(object?["repository"] as? String == "team/app")
                if expected != nil {
                    let digest = (object?["selected"] as? [String: Any])?["digest"] as? String
                    #expect(digest?.hasPrefix("sha256:") == true, "\(arguments)")
                } else {
                    #expect(object?.keys.contains("selected") == true)
                }
            }
            let (_, newest) = try await check([image, "--strategy", "latest", "--allow-tags", "regexp:^main"])
            #expect(newest?["strategy"] as? String == "newest-build")
            #expect(newest?["considered"] as? Int == 2)
        }
    }

    @Test func multiArchDigestIsTheIndexAndPlatformsFilter() async throws {
        try await withRegistry { registry in
            let pusher = ImagePusher(registry: registry)
            let amd = TestImage(created: Self.date(1), architecture: "amd64", seed: "multi")
            let arm = TestImage(created: Self.date(1), architecture: "arm64", variant: "v8", seed: "multi")
            let index = try await pusher.pushIndex([amd, arm], repository: "team/multi", tag: "1.0.0")
            _ = try await pusher.push(
                TestImage(created: Self.date(2), seed: "single"), repository: "team/multi", tag: "1.1.0")
            let image = "\(registry.host)/team/multi"
            let (any, anyObject) = try await check([image])
            #expect(any.status == 0)
            #expect(selectedTag(anyObject) == "1.1.0")
            let (arm64, armObject) = try await check([image, "--platform", "linux/arm64/v8"])
            #expect(arm64.status == 0, "\(arm64.stderr)")
            #expect(selectedTag(armObject) == "1.0.0")
            #expect((armObject?["selected"] as? [String: Any])?["digest"] as? String == index)
        }
    }

    @Test func unreachableRegistryIsExitOneNamingIt() async throws {
        let port = try FreePort.loopback()
        let (result, object) = try await check(["127.0.0.1:\(port)/team/app"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("127.0.0.1:\(port)"))
        #expect(object != nil)
        #expect(object?["selected"] is NSNull)
    }

    @Test func basicAuthFromDockerConfig() async throws {
        try await withRegistry(auth: .basic(user: "bot", password: "s3cret-pass")) { registry in
            _ = try await ImagePusher(registry: registry).push(
                TestImage(seed: "a"), repository: "team/app", tag: "1.0.0")
            let image = "\(registry.host)/team/app"
            let (denied, _) = try await check([image], environment: ["DOCKER_CONFIG": "/nonexistent"])
            #expect(denied.status == 1)
            #expect(denied.stderr.contains("401"))
            let folder = try TemporaryDirectory.make(prefix: "docker-config")
            defer { TemporaryDirectory.remove(folder) }
            let auth = Data("bot:s3cret-pass".utf8).base64EncodedString()
            try #"{"auths": {"\#(registry.host)": {"auth": "\#(auth)"}}}"#.write(
                to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
            let (allowed, object) = try await check([image], environment: ["DOCKER_CONFIG": folder.path])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            #expect(selectedTag(object) == "1.0.0")
            #expect(!allowed.stdout.contains("s3cret-pass") && !allowed.stderr.contains("s3cret-pass"))
        }
    }

    @Test func selfSignedRegistryNeedsOneRegistriesConfLine() async throws {
        try await withRegistry(tls: true) { registry in
            _ = try await ImagePusher(registry: registry).push(
                TestImage(seed: "t"), repository: "team/app", tag: "1.0.0")
            let folder = try TemporaryDirectory.make(prefix: "registries-conf")
            defer { TemporaryDirectory.remove(folder) }
            let image = "\(registry.host)/team/app"
            let plain = folder.appendingPathComponent("plain.conf")
            try "registries:\n- name: local\n  prefix: \(registry.host)\n  api_url: \(registry.baseURL)\n".write(
                to: plain, atomically: true, encoding: .utf8)
            let (untrusted, _) = try await check([image, "--registries-conf", plain.path])
            #expect(untrusted.status == 1)
            #expect(untrusted.stderr.contains("ca_file"))
            let trusted = folder.appendingPathComponent("trusted.conf")
            let caPath = try #require(registry.caCertificatePath)
            try
                "registries:\n- name: local\n  prefix: \(registry.host)\n  api_url: \(registry.baseURL)\n  ca_file: \(caPath)\n"
                .write(to: trusted, atomically: true, encoding: .utf8)
            let (ok, object) = try await check([image, "--registries-conf", trusted.path])
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(selectedTag(object) == "1.0.0")
            let insecure = folder.appendingPathComponent("insecure.conf")
            try
                "registries:\n- name: local\n  prefix: \(registry.host)\n  api_url: \(registry.baseURL)\n  insecure: true\n"
                .write(to: insecure, atomically: true, encoding: .utf8)
            let (skipped, _) = try await check([image, "--registries-conf", insecure.path])
            #expect(skipped.status == 0, "\(skipped.stderr)")
            #expect(skipped.stderr.contains("warning:"))
        }
    }

    @Test func unreadableRegistriesConfIsExitTwo() async throws {
        let (result, _) = try await check(["nginx", "--registries-conf", "/nonexistent/registries.conf"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/registries.conf"))
    }
}
