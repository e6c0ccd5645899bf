import Foundation
import TestSupport
import Testing

/// Hostile `--config` files through the real binary: `plan` either runs (exit 0, nothing to plan in an
/// empty repository) or refuses the configuration with exit 2 and exactly one line on stderr naming the
/// file — never a crash, never a hang.
@Suite("fuzz: the CLI configuration file", .serialized)
struct ConfigFileFuzzTests {
    static let values: [String: [String]] = [
        "applications": ["[{repo: ., paths: ['**/*.yaml']}]", "[{repo: /etc}]", "[{}]", "x", "[{repo: [1]}]", "~"],
        "forges": [
            "[{url: https://git.example.com, type: gitlab, tokenEnv: T}]", "[{url: file:///x, type: github}]",
            "[{url: https://x, type: svn}]", "[{url: https://x}]", "{}",
        ],
        "pullRequests": [
            "{branchPrefix: bot/, labels: [a], draft: true}", "{draft: maybe}", "{labels: x}", "{reviewers: [[1]]}",
        ],
        "registriesConf": ["registries.conf", "/dev/null", "../../../../etc/passwd", "[1]"],
        "templates": ["templates/", "/nonexistent", "{}"],
        "argocdNamespace": ["argocd", "", "a b", "-x"],
        "git": ["{author: 'Bot <bot@example.com>'}", "{author: no-email}", "{author: {name: a, email: b}}", "{x: 1}"],
        "service": ["{interval: 5m}", "{interval: 0s}", "{interval: -1m}", "{interval: 1h30m}", "{webhooks: {x: {}}}"],
        "unknown": ["1"],
    ]

    static func config(_ random: inout SeededGenerator) -> Data {
        switch random.below(10) {
        case 0: return Data(random.bytes(random.below(400) + 1))
        case 1: return Data(("applications: " + String(repeating: "[", count: random.element([50, 5_000]))).utf8)
        case 2:
            let refs = Array(repeating: "*a", count: random.below(3_000) + 1).joined(separator: ", ")
            return Data("x: &a [1, 2]\napplications: [\(refs)]\n".utf8)
        case 3: return Data([0xFF, 0xFE] + Array("a: b\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        default:
            var text = ""
            let keys = values.keys.sorted()
            for _ in 0..<(random.below(4) + 1) {
                let key = random.element(keys)
                text += key + ": " + random.element(values[key] ?? ["1"]) + "\n"
            }
            if random.chance(25) { text = random.mutate(text, alphabet: HostilePieces.characters) }
            return Data(text.utf8)
        }
    }

    @Test("plan --config with hostile files")
    func hostileConfigFiles() async throws {
        let root = try TemporaryDirectory.make(prefix: "hardening-config")
        defer { TemporaryDirectory.remove(root) }
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("argocd-image-pr.yaml")
        var random = SeededGenerator(seed: 0xC0F1_6)
        var tried = 0
        var accepted = 0
        for _ in 0..<250 {
            let data = Self.config(&random)
            try data.write(to: file)
            tried += 1
            let result = try await CLIRunner.run(
                ["plan", "--config", file.path, "--repo", repo.path],
                environment: ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path], timeout: .seconds(10))
            let shown = String(decoding: data.prefix(120), as: UTF8.self).debugDescription
            #expect(!result.timedOut && !result.crashed, "\(shown)")
            #expect(result.status == 0 || result.status == 2, "\(shown): exit \(result.status) \(result.stderr)")
            if result.status == 0 {
                accepted += 1
                continue
            }
            // One line by every Unicode definition (NEL, LS and PS included), naming a file: the
            // configuration itself or the registries.conf it points at.
            let lines = result.stderr.split(whereSeparator: \.isNewline)
            #expect(lines.count == 1, "\(shown): \(result.stderr.debugDescription)")
            #expect(lines.first?.hasPrefix("error: /") == true, "\(shown): \(result.stderr)")
        }
        FuzzTally.report("plan --config (binary)", tried: tried, accepted: accepted)
        #expect(accepted > 10)
        #expect(tried - accepted > 100)
    }

    @Test("configuration files that are not regular files")
    func oddFiles() async throws {
        let root = try TemporaryDirectory.make(prefix: "hardening-config-odd")
        defer { TemporaryDirectory.remove(root) }
        let big = root.appendingPathComponent("big.yaml")
        FileManager.default.createFile(atPath: big.path, contents: Data(repeating: 0x20, count: (1 << 20) + 1))
        for path in [root.path, "/dev/zero", big.path, root.appendingPathComponent("missing.yaml").path] {
            let result = try await CLIRunner.run(
                ["plan", "--config", path, "--repo", root.path], timeout: .seconds(10))
            #expect(!result.timedOut && !result.crashed, "\(path)")
            #expect(result.status == 2, "\(path): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(path): \(result.stderr)")
        }
    }

    @Test("a service interval too large for an Int is refused, not a trap")
    func hugeInterval() async throws {
        let root = try TemporaryDirectory.make(prefix: "hardening-config-interval")
        defer { TemporaryDirectory.remove(root) }
        let file = root.appendingPathComponent("c.yaml")
        try Data("service:\n  interval: 5000000000000000h\n".utf8).write(to: file)
        let result = try await CLIRunner.run(
            ["plan", "--config", file.path, "--repo", root.path], timeout: .seconds(10))
        #expect(!result.crashed)
        #expect(result.status == 2, "\(result.stderr)")
    }

    @Test("a branch prefix that makes invalid branch names is a configuration error")
    func invalidBranchPrefix() async throws {
        let root = try TemporaryDirectory.make(prefix: "hardening-config-prefix")
        defer { TemporaryDirectory.remove(root) }
        let file = root.appendingPathComponent("c.yaml")
        for prefix in ["-x", "refs/heads/", "a..b/", "a b/"] {
            try Data("pullRequests:\n  branchPrefix: '\(prefix)'\n".utf8).write(to: file)
            let result = try await CLIRunner.run(["validate", "--config", file.path, "--repo", root.path])
            #expect(result.status == 2, "\(prefix): \(result.stderr)")
        }
    }
}
