import Foundation

/// Builds hostile manifest files from a seed: the shapes a YAML parser is usually broken with.
struct HostileManifestGenerator {
    var random: SeededGenerator

    static let application = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: NAME
          namespace: argocd
          annotations:
            argocd-image-updater.argoproj.io/image-list: web=IMAGE
            argocd-image-updater.argoproj.io/update-strategy: STRATEGY
            argocd-image-updater.argoproj.io/web.allow-tags: ALLOW
            argocd-image-updater.argoproj.io/web.helm.image-name: web.image
            argocd-image-updater.argoproj.io/web.helm.image-tag: web.tag
            argocd-image-updater.argoproj.io/write-back-target: TARGET
            argocd-image-updater.argoproj.io/git-branch: BRANCH
        spec:
          project: default
          source:
            repoURL: https://example.com/charts.git
            path: PATH
            targetRevision: main

        """

    static let names = ["demo", "../evil", "a..b", "-x", "Demo", "x_y", "a.b-c", "", "\"\"", "'a\nb'", "é"]
    static let images = ["nginx", "nginx:~1.2", "ghcr.io/a/b@sha256:" + String(repeating: "0", count: 64), "", "a b"]
    static let strategies = ["semver", "latest", "name", "digest", "nope", "", "!!python/name:os.system"]
    static let allows = ["regexp:^main", "regexp:(a+)+$", "any", "glob:*", "regexp:[", ""]
    static let targets = [
        "helmvalues", "helmvalues:../../etc/passwd", "kustomization:/x", "/abs.yaml", "../up.yaml", "a/b.yaml",
    ]
    static let branches = ["main", "refs/heads/x", "-x", "main:bot/{{.SHA256}}", "a..b", "a b", "x.lock", "@"]
    static let paths = [".", "..", "../..", "a/../../b", "/etc", "charts/x", "./"]

    mutating func seeded() -> String {
        var text = Self.application
        for (placeholder, choices) in [
            ("NAME", Self.names), ("IMAGE", Self.images), ("STRATEGY", Self.strategies), ("ALLOW", Self.allows),
            ("TARGET", Self.targets), ("BRANCH", Self.branches), ("PATH", Self.paths),
        ] {
            text = text.replacingOccurrences(of: placeholder, with: random.element(choices))
        }
        return text
    }

    /// One hostile file, as bytes; `shape` names what it is, for failure messages.
    mutating func next() -> (shape: String, data: Data) {
        switch random.below(16) {
        case 0:
            let depth = [100, 255, 256, 257, 300, 2_000, 20_000][random.below(7)]
            let open = random.element(["[", "{a: ", "- "])
            let close = open == "[" ? "]" : open == "{a: " ? "}" : ""
            return ("flow nesting \(depth)", Data(("a: " + repeated(open, depth) + "x" + repeated(close, depth)).utf8))
        case 1:
            let depth = [50, 255, 257, 400][random.below(4)]
            var text = ""
            for level in 0..<depth { text += String(repeating: " ", count: level) + "k:\n" }
            return ("block nesting \(depth)", Data((text + String(repeating: " ", count: depth) + "v\n").utf8))
        case 2:
            let width = random.below(12) + 2
            let depth = random.below(9) + 1
            var text = "a0: &a0 [" + Array(repeating: "x", count: width).joined(separator: ", ") + "]\n"
            for level in 1..<max(depth, 2) {
                let refs = Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ")
                text += "a\(level): &a\(level) " + (random.chance(50) ? "[\(refs)]\n" : "{" + mappingRefs(refs) + "}\n")
            }
            return ("alias bomb \(width)^\(depth)", Data((seeded() + "---\n" + text).utf8))
        case 3:
            let size = [1_000, 100_000, 400_000][random.below(3)]
            let scalar = String(repeating: random.element(["a", "é", "\\n", " "]), count: size)
            let annotated = seeded().replacingOccurrences(of: "web.tag", with: "\"\(scalar)\"")
            return ("huge scalar \(size)", Data(annotated.utf8))
        case 4:
            let text = seeded()
            let duplicate = random.element([
                "kind: Application\n", "  name: other\n", "    argocd-image-updater.argoproj.io/image-list: x=redis\n",
            ])
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let anchor = lines.firstIndex { $0 + "\n" == duplicate || $0.hasPrefix(duplicate.prefix(20)) } ?? 1
            lines.insert(String(duplicate.dropLast()), at: anchor)
            return ("duplicate key", Data(lines.joined(separator: "\n").utf8))
        case 5:
            return ("random bytes", Data(random.bytes(random.below(4_000) + 1)))
        case 6:
            let bom: [UInt8] = random.element([
                [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0, 0], [0, 0, 0xFE, 0xFF],
            ])
            let body = random.chance(50) ? Data(seeded().utf8) : Data(random.bytes(random.below(300) + 1))
            return ("BOM \(bom) + \(body.count) bytes", Data(bom) + body)
        case 7:
            var bytes = Array(seeded().utf8)
            for _ in 0..<(random.below(5) + 1) {
                bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            }
            return ("binary splice", Data(bytes))
        case 8:
            let tag = random.element([
                "!!python/object/apply:os.system [\"touch /tmp/argocd-image-pr-pwned\"]",
                "!!python/object:__main__.X {a: 1}", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]",
                "!<tag:yaml.org,2002:str> web", "!!int demo", "!!float x", "!custom {a: 1}", "!!map [1]",
                "!!timestamp 2001-12-14", "!!null demo",
            ])
            let where_ = random.element(["name: ", "project: ", "path: ", "web.helm.image-name: "])
            let text = seeded()
            guard let range = text.range(of: where_) else { return ("tag", Data(text.utf8)) }
            let lineEnd = text[range.upperBound...].firstIndex(of: "\n") ?? text.endIndex
            return ("tag \(tag)", Data((text[..<range.upperBound] + tag + text[lineEnd...]).utf8))
        case 9:
            let extra = random.element([
                "%YAML 1.1\n---\n", "%TAG ! tag:evil.com,2000:\n---\n", "--- !!str\n", "...\n", "---\n---\n",
                "? [a, b]\n: c\n---\n", "<<: {a: 1}\n---\n", "x: &x y\n<<: *x\n---\n", "%YAML 9.9\n---\n",
            ])
            return ("directives", Data((extra + seeded()).utf8))
        case 10:
            var text = seeded()
            for _ in 0..<(random.below(6) + 1) { text = random.mutate(text, alphabet: HostilePieces.characters) }
            return ("mutated", Data(text.utf8))
        case 11:
            let lines = seeded().split(separator: "\n", omittingEmptySubsequences: false)
            return ("truncated", Data(lines.prefix(random.below(lines.count)).joined(separator: "\n").utf8))
        case 12:
            let key = "    argocd-image-updater.argoproj.io/" + random.join(HostilePieces.characters, upTo: 12)
            let value = random.join(HostilePieces.characters, upTo: 20)
            let text = seeded().replacingOccurrences(
                of: "    argocd-image-updater.argoproj.io/update-strategy",
                with: "\(key): \"\(escape(value))\"\n    argocd-image-updater.argoproj.io/update-strategy")
            return ("random annotation", Data(text.utf8))
        case 13:
            let count = random.below(60) + 2
            return (
                "many documents \(count)",
                Data(Array(repeating: seeded(), count: count).joined(separator: "---\n").utf8)
            )
        case 14:
            let anchors = (0..<(random.below(2_000) + 1)).map { "k\($0): &a\($0) v" }.joined(separator: "\n")
            return ("many anchors", Data((anchors + "\nref: *a0\n").utf8))
        default:
            return ("seed", Data(seeded().utf8))
        }
    }

    private func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    private func mappingRefs(_ refs: String) -> String {
        refs.split(separator: ",").enumerated().map { "k\($0.offset): \($0.element)" }.joined(separator: ", ")
    }

    private func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\x%02X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
