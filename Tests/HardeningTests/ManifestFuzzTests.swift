import AppManifests
import Foundation
import ImageRef
import TestSupport
import Testing
import Yams

/// Hostile manifest files through `ManifestScanner.scan` on a temporary directory: every call ends
/// quickly, every error is one line naming the file, and every Application that comes out has a
/// valid name and paths that stay inside the repository.
@Suite("fuzz: manifests and YAML quoting")
struct ManifestFuzzTests {
    static func isSubdomain(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            label.utf8.count <= 63 && (try? Regex("[a-z0-9]([a-z0-9-]*[a-z0-9])?").wholeMatch(in: String(label))) != nil
        }
    }

    static func staysInside(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
    }

    @Test("hostile manifest files")
    func hostileFiles() throws {
        let root = try TemporaryDirectory.make(prefix: "hardening-manifests")
        defer { TemporaryDirectory.remove(root) }
        let file = root.appendingPathComponent("app.yaml")
        var generator = HostileManifestGenerator(random: SeededGenerator(seed: 0x4D41_4E49))
        var tried = 0
        var applications = 0
        var refused = 0
        var slowest: Duration = .zero
        for _ in 0..<1_500 {
            let (shape, data) = generator.next()
            try data.write(to: file)
            tried += 1
            let (result, elapsed) = timed { ManifestScanner().scan(root: root) }
            slowest = max(slowest, elapsed)
            #expect(elapsed < .seconds(3), "\(shape) took \(elapsed)")
            if !result.errors.isEmpty { refused += 1 }
            for error in result.errors {
                let text = error.description
                #expect(text.hasPrefix("app.yaml"), "\(shape): \(text)")
                #expect(HostilePieces.isOneSafeLine(text), "\(shape): \(text.debugDescription)")
                #expect(text.utf8.count < 1_000, "\(shape): \(text.prefix(100))")
            }
            for app in result.applications {
                applications += 1
                #expect(Self.isSubdomain(app.name), "\(shape): name \(app.name.debugDescription)")
                #expect(Self.staysInside(app.writeBack.target.path), "\(shape): \(app.writeBack.target.path)")
                for source in app.sources { #expect(source.path.map(Self.staysInside) ?? true, "\(shape)") }
                if let branch = app.baseBranch { #expect(!branch.hasPrefix("-") && !branch.hasPrefix("refs/")) }
                for image in app.images {
                    #expect((try? ImageSpec(parsing: image.image)) != nil, "\(shape): \(image.image)")
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/argocd-image-pr-pwned"))
        FuzzTally.report("ManifestScanner.scan (hostile files)", tried: tried, accepted: tried - refused)
        print("fuzz: ManifestScanner.scan: \(applications) Applications accepted, slowest file \(slowest)")
        #expect(applications > 40, "the generator should still produce valid Applications")
        #expect(refused > 300)
    }

    @Test("the default limits: 256 levels pass, 257 do not; 10,000 alias nodes pass, more do not")
    func limitBoundaries() throws {
        let root = try TemporaryDirectory.make(prefix: "hardening-limits")
        defer { TemporaryDirectory.remove(root) }
        func scan(_ text: String) throws -> [String] {
            try Data(text.utf8).write(to: root.appendingPathComponent("f.yaml"))
            return ManifestScanner().scan(root: root).errors.map(\.description)
        }
        // "a: [[...x...]]" is the top mapping plus n sequences.
        #expect(try scan("a: " + String(repeating: "[", count: 255) + "x" + String(repeating: "]", count: 255)).isEmpty)
        let deep = try scan("a: " + String(repeating: "[", count: 256) + "x" + String(repeating: "]", count: 256))
        #expect(deep.count == 1 && deep[0].contains("nesting"), "\(deep)")
        // Each alias of a 100-item list brings in 101 nodes: 99 aliases are 9,999 nodes, 100 are 10,100.
        let hundred = "base: &b [" + Array(repeating: "x", count: 100).joined(separator: ", ") + "]\n"
        let refs = "refs: [" + Array(repeating: "*b", count: 99).joined(separator: ", ") + "]\n"
        #expect(try scan(hundred + refs).isEmpty)
        let over = try scan(hundred + refs.replacingOccurrences(of: "[*b", with: "[*b, *b"))
        #expect(over.count == 1 && over[0].contains("alias expansion exceeds 10000 nodes"), "\(over)")
    }

    @Test("a file just over the default 16 MiB is refused unread")
    func defaultSizeLimit() throws {
        let root = try TemporaryDirectory.make(prefix: "hardening-size")
        defer { TemporaryDirectory.remove(root) }
        let url = root.appendingPathComponent("big.yaml")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(16 << 20) + 1)
        try handle.close()
        let (result, elapsed) = timed { ManifestScanner().scan(root: root) }
        #expect(result.errors.map(\.description) == ["big.yaml: file is larger than 16777216 bytes; refused"])
        #expect(elapsed < .seconds(2))
    }

    @Test("rendered scalars read back as the same string")
    func scalarRoundTrip() throws {
        var random = SeededGenerator(seed: 0x5CA1)
        let pieces =
            HostilePieces.characters + [
                "1", "1.10", "true", "null", "0x1F", "~", "yes", "No", "on", "1e3", ".inf", "2001-12-14", "<<", "=",
                "0o17", "0b1", "1_000", "12:30:45", "+1", "-.5", ": ", " #", "---", "...", "\u{FFFE}", "\u{FFFF}",
                "\u{D7FF}",
            ]
        var tried = 0
        var quoted = 0
        for round in 0..<5_000 {
            let value = round < pieces.count ? pieces[round] : random.join(pieces, upTo: 5)
            tried += 1
            let rendered = YAMLScalar.render(value)
            if rendered.hasPrefix("\"") { quoted += 1 }
            #expect(!rendered.contains("\n"), "\(value.debugDescription)")
            let loaded = try? Yams.load(yaml: "key: \(rendered)\nnext: 1\n") as? [String: Any]
            // Foundation drops a leading U+FEFF when Yams builds the string: a reader quirk, not a writer bug.
            if !value.hasPrefix("\u{FEFF}") {
                #expect(loaded?["key"] as? String == value, "\(value.debugDescription) as \(rendered.debugDescription)")
            }
            #expect(loaded?["next"] as? Int == 1, "\(value.debugDescription) injected a key")
        }
        FuzzTally.report("YAMLScalar.render round trip", tried: tried, accepted: tried - quoted)
    }
}
