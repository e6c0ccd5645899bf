import Foundation
import TestSupport
import Testing
import Yams

/// Tags are data from whoever can push to a registry. Ones that are not OCI tags must never be
/// proposed (they would land in git refs, file content and PR text); valid tags that read as another
/// YAML type must stay strings in the override file.
@Suite("hostile and ambiguous tags through plan", .serialized)
struct HostileTagTests {
    static let hostile = [
        "a;rm -rf", "$(x)", "x\nkey: v", "../x", "-x", "refs/heads/x", String(repeating: "z", count: 200),
        "zz`id`", "zz key: v", "zz\"q", "zz'q", "zz#c", "zz\u{0}", "zz/../..", "{{.Secret}}", "zz\u{202E}",
    ]

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("tags that are not OCI tags are dropped, never proposed")
    func injectedTagsAreDropped() async throws {
        let registry = try await RegistryServer.start()
        defer { Task { try? await registry.stop() } }
        let pusher = ImagePusher(registry: registry)
        for tag in ["main-1", "main-2"] {
            _ = try await pusher.push(
                TestImage(created: Date(timeIntervalSince1970: 1_714_557_600), labels: [:], seed: tag),
                repository: "team/web", tag: tag)
        }
        // Every hostile tag sorts after "main-2", so any that slipped through would be chosen.
        let tags = (["main-1", "main-2"] + Self.hostile).map { "\"" + jsonEscaped($0) + "\"" }.joined(separator: ",")
        let list = FaultRule(
            path: "/tags/list",
            fault: .respond(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Data(#"{"name":"team/web","tags":[\#(tags)]}"#.utf8)),
            times: 1_000)
        let proxy = try await FaultProxy.start(upstream: registry, faults: [list])
        defer { Task { try? await proxy.stop() } }
        let image = "\(proxy.host)/team/web"
        let fixture = try ChartFixture.make(values: "web:\n  image: \(image)\n  tag: main-1\n") { repoURL in
            [
                "apps/web.yaml": ChartFixture.application(
                    name: "web", images: [.init(alias: "web", reference: image, annotations: ["allow-tags: any"])],
                    global: ["update-strategy: alphabetical"], repoURL: repoURL)
            ]
        }
        defer { fixture.remove() }
        let result = try await CLIRunner.run(
            ["plan", "--repo", fixture.chart.path, "--format", "json"], environment: ["XDG_CACHE_HOME": fixture.cache])
        #expect(result.status == 0, "\(result.stderr)")
        let apps = try #require(try json(result.stdout)["applications"] as? [[String: Any]])
        let changes = try #require(apps.first?["changes"] as? [[String: Any]])
        #expect(changes.map { $0["to"] as? String } == ["main-2"])
        let content = try #require((apps.first?["files"] as? [[String: Any]])?.first?["content"] as? String)
        for tag in Self.hostile {
            #expect(!content.contains(tag), "\(tag.debugDescription) reached the override file")
            #expect(!result.stderr.contains(tag) || tag.count < 3, "\(tag.debugDescription) echoed to stderr")
        }
        let parsed = try #require(try Yams.load(yaml: content) as? [String: Any])
        #expect(Set(parsed.keys) == ["helm"], "an injected key: \(parsed.keys)")

        // check-image sees the same list and must choose the same tag.
        let check = try await CLIRunner.run(["check-image", image, "--strategy", "alphabetical", "--format", "json"])
        let selected = try json(check.stdout)["selected"] as? [String: Any]
        #expect(selected?["tag"] as? String == "main-2", "\(check.stdout) \(check.stderr)")
        print("security: \(Self.hostile.count) hostile tags served by the proxy, none proposed")
    }

    @Test("valid tags that read as another YAML type stay strings in the override file")
    func ambiguousTagsStayStrings() async throws {
        // `~` is not a valid OCI tag, so no registry can serve it; YAMLScalar's own tests cover it.
        let ambiguous = ["1.10", "true", "null", "0x1F", "1e3", "yes", "No", "on", "0o17", "2001-12-14", "12_3"]
        let registry = try await RegistryServer.start()
        defer { Task { try? await registry.stop() } }
        let pusher = ImagePusher(registry: registry)
        var applications: [(name: String, image: String)] = []
        for (index, tag) in ambiguous.enumerated() {
            let repository = "types/t\(index)"
            _ = try await pusher.push(
                TestImage(created: Date(timeIntervalSince1970: 1_714_557_600), labels: [:], seed: tag),
                repository: repository, tag: tag)
            applications.append((name: "types-\(index)", image: "\(registry.host)/\(repository)"))
        }
        let values = applications.enumerated().map { "t\($0.offset):\n  image: \($0.element.image)\n  tag: old\n" }
        let fixture = try ChartFixture.make(values: values.joined()) { repoURL in
            var files: [String: String] = [:]
            for (index, app) in applications.enumerated() {
                files["apps/\(app.name).yaml"] = ChartFixture.application(
                    name: app.name,
                    images: [.init(alias: "t\(index)", reference: app.image, annotations: ["allow-tags: any"])],
                    global: ["update-strategy: alphabetical"], repoURL: repoURL)
            }
            return files
        }
        defer { fixture.remove() }
        let result = try await CLIRunner.run(
            ["plan", "--repo", fixture.chart.path, "--format", "json"], environment: ["XDG_CACHE_HOME": fixture.cache])
        #expect(result.status == 0, "\(result.stderr)")
        let apps = try #require(try json(result.stdout)["applications"] as? [[String: Any]])
        #expect(apps.count == ambiguous.count)
        for app in apps {
            let name = try #require(app["name"] as? String)
            let index = try #require(Int(name.dropFirst("types-".count)))
            let content = try #require((app["files"] as? [[String: Any]])?.first?["content"] as? String, "\(name)")
            let parsed = try #require(try Yams.load(yaml: content) as? [String: Any])
            let parameters = try #require((parsed["helm"] as? [String: Any])?["parameters"] as? [[String: Any]])
            let tagValue = parameters.first { $0["name"] as? String == "t\(index).tag" }?["value"]
            #expect(
                tagValue as? String == ambiguous[index],
                "\(ambiguous[index]) read back as \(String(describing: tagValue))")
        }
    }
}

private func jsonEscaped(_ text: String) -> String {
    let data = try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
    let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
    return String(array.dropFirst(2).dropLast(2))
}
