import Foundation
import ImageRef
import Testing

@testable import OCIRegistry

/// Seeded hostile registries.conf and docker config.json files, and the small protocol parsers the
/// registry client feeds with server text (`WWW-Authenticate`, `Link`, `Retry-After`) or config text
/// (`credsexpire` durations, credential sources, platforms).
@Suite("fuzz: registry configuration and protocol parsers")
struct RegistryParserFuzzTests {
    static let secret = "hunter2-Sup3rSecret"

    static let fieldValues: [String: [String]] = [
        "name": ["Hub", "", "x\ny", "'quoted'", "&a", "*a", "!!python/object:os.system"],
        "prefix": ["docker.io", "127.0.0.1:5000", "", "quay.io/team", "../x", "[::1]"],
        "api_url": [
            "https://registry-1.docker.io", "http://127.0.0.1:5000", "file:///etc/passwd", "javascript:alert(1)",
            "ftp://x", "", "https://", "https://user:\(secret)@example.com", "http://[::1", "gopher://x:70",
        ],
        "credentials": [
            "env:CREDS", "ext:/bin/sh", "pullsecret:a/b", "secret:a/b#c", "env:", "ext:", "nope:x", "a:b:c",
        ],
        "credsexpire": ["5h", "1h30m", "0", "-5m", "1e9s", "99999999999999999999h", "18446744073709551615ns", "h"],
        "limit": ["10", "0", "-1", "99999999999999999999", "1.5", "ten"],
        "tagsortmode": ["latest-first", "none", "LATEST-LAST", "x"],
        "ping": ["yes", "no", "true", "maybe"], "insecure": ["true", "false", "1"], "default": ["true", "off"],
        "defaultns": ["library", "", "../x"], "ca_file": ["/etc/ssl/x.pem", ""],
        "ca_data": ["not a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"],
        "unknown_key": ["x"],
    ]

    static func registriesConf(_ random: inout SeededGenerator) -> String {
        switch random.below(8) {
        case 0: return String(decoding: random.bytes(random.below(500) + 1), as: UTF8.self)
        case 1: return "registries: " + String(repeating: "[", count: random.element([10, 300, 5_000]))
        case 2:
            var text = "e: &e {name: x, prefix: p, api_url: 'http://a'}\n"
            text +=
                "registries: [" + Array(repeating: "*e", count: random.below(5_000) + 1).joined(separator: ", ") + "]\n"
            return text
        default:
            var text = random.chance(10) ? random.element(["%YAML 1.1\n---\n", "---\n", "registries:\n"]) : ""
            text += "registries:\n"
            for index in 0..<(random.below(4) + 1) {
                // Mostly well-formed entries with a few odd fields, so both paths get exercised.
                text += "- name: r\(index)\n  prefix: r\(index).example.com\n  api_url: https://r\(index).example.com\n"
                let keys = Array(fieldValues.keys).sorted()
                for _ in 0..<random.below(3) {
                    let key = random.element(keys)
                    guard let values = fieldValues[key] else { continue }
                    var value = random.element(values)
                    if random.chance(10) { value = random.mutate(value, alphabet: HostilePieces.characters) }
                    let rendered =
                        random.chance(60) ? "'" + value.replacingOccurrences(of: "'", with: "''") + "'" : value
                    text += "  " + key + ": " + rendered + "\n"
                }
            }
            if random.chance(15) { text = random.mutate(text, alphabet: HostilePieces.characters) }
            return text
        }
    }

    @Test("registries.conf: parse or one-line error; accepted entries use http(s) only")
    func registriesConfFiles() throws {
        var random = SeededGenerator(seed: 0x2E6_C0F)
        var tried = 0
        var accepted = 0
        let references = try ["nginx", "127.0.0.1:5000/a", "quay.io/team/app", "ghcr.io/x/y"].map {
            try ImageReference(parsing: $0)
        }
        for _ in 0..<3_000 {
            let text = Self.registriesConf(&random)
            tried += 1
            let (result, elapsed) = timed {
                Result { () throws(RegistryError) in try RegistriesConf(yaml: text, source: "registries.conf") }
            }
            #expect(elapsed < .seconds(1), "\(text.prefix(80).debugDescription) took \(elapsed)")
            switch result {
            case .success(let conf):
                accepted += 1
                for entry in conf.entries {
                    let scheme = entry.apiURL.prefix(while: { $0 != ":" }).lowercased()
                    #expect(scheme == "http" || scheme == "https", "\(entry.apiURL)")
                    if case .external = entry.credentials?.kind {
                        #expect(entry.credentials?.origin == .registriesConf)
                    }
                }
                for reference in references {
                    _ = conf.entry(for: reference)
                    _ = try? RegistryEndpoint(for: reference, configuration: conf)
                }
            case .failure(let error):
                let message = error.description
                #expect(HostilePieces.isOneSafeLine(message), "\(message.debugDescription)")
                #expect(message.contains("registries.conf"), "\(message)")
                #expect(!message.contains(Self.secret), "\(message)")
            }
        }
        FuzzTally.report("RegistriesConf(yaml:)", tried: tried, accepted: accepted)
        #expect(accepted > 100)
    }

    @Test("docker config.json: parse or one-line error; no error repeats a password")
    func dockerConfigFiles() {
        var random = SeededGenerator(seed: 0xD0C)
        var tried = 0
        var accepted = 0
        let encoded = Base64.encode(Array("user:\(Self.secret)".utf8))
        let entries = [
            #"{"auth":"\#(encoded)"}"#, #"{"auth":"\#(Self.secret)"}"#, #"{"auth":"!!!\#(Self.secret)"}"#,
            #"{"username":"u","password":"\#(Self.secret)"}"#, #"{"username":"","password":"\#(Self.secret)"}"#,
            #"{"auth":""}"#, "[]", "null", "1", #"{"auth":12}"#,
            #"{"auth":"\#(Base64.encode(Array(Self.secret.utf8)))"}"#,
        ]
        let keys = ["127.0.0.1:5000", "https://index.docker.io/v1/", "docker.io", "", "\\u0000", "a\\nb"]
        for round in 0..<2_000 {
            var text: String
            if round % 10 == 0 {
                text = String(decoding: random.bytes(random.below(200) + 1), as: UTF8.self)
            } else {
                let auths = (0..<(random.below(3) + 1)).map { _ in
                    "\"\(random.element(keys))\": \(random.element(entries))"
                }
                text = "{\"auths\": {\(auths.joined(separator: ", "))}"
                if random.chance(20) { text += #", "credHelpers": {"127.0.0.1:5000": "evil"}"# }
                if random.chance(20) { text += #", "credsStore": "desktop""# }
                text += "}"
                if random.chance(15) { text = random.mutate(text, alphabet: HostilePieces.characters) }
            }
            tried += 1
            let result = Result { () throws(RegistryError) in
                try DockerConfig(json: Data(text.utf8), path: "/cfg/config.json")
            }
            switch result {
            case .success(let config):
                accepted += 1
                for registry in ["127.0.0.1:5000", "docker.io", "ghcr.io"] {
                    do {
                        _ = try config.credential(for: registry)
                    } catch {
                        #expect(HostilePieces.isOneSafeLine(error.description), "\(error.description.debugDescription)")
                        #expect(!error.description.contains(Self.secret), "\(error.description)")
                        #expect(!error.description.contains(encoded))
                    }
                }
            case .failure(let error):
                #expect(HostilePieces.isOneSafeLine(error.description))
                #expect(error.description.contains("/cfg/config.json"))
                #expect(!error.description.contains(Self.secret))
            }
        }
        FuzzTally.report("DockerConfig(json:)", tried: tried, accepted: accepted)
        #expect(accepted > 500)
    }

    @Test("credential sources: ext: is never accepted from an annotation")
    func credentialSources() {
        var random = SeededGenerator(seed: 0xC3ED)
        let prefixes = ["env:", "ext:", "EXT:", "Ext:", " ext:", "pullsecret:", "secret:", "ext", "e\u{0}xt:", ""]
        var tried = 0
        var accepted = 0
        for _ in 0..<2_000 {
            let text =
                random.element(prefixes) + random.join(HostilePieces.characters + ["/bin/sh", "#", "/"], upTo: 6)
            tried += 1
            do {
                let source = try CredentialSource(parsing: text, origin: .annotation)
                accepted += 1
                if case .external = source.kind { Issue.record("ext: accepted from an annotation: \(text)") }
            } catch {
                #expect(HostilePieces.isOneSafeLine(error.description), "\(error.description.debugDescription)")
            }
        }
        FuzzTally.report("CredentialSource(parsing:origin: .annotation)", tried: tried, accepted: accepted)
    }

    @Test("durations, Retry-After, Link and WWW-Authenticate from hostile text never trap")
    func protocolText() {
        var random = SeededGenerator(seed: 0x9E4D)
        let durationPieces = [
            "1", "9", "99999999999999999999", ".", "5", "h", "m", "s", "ms", "us", "µs", "ns", "x", "-",
        ]
        let headerPieces =
            HostilePieces.characters + [
                "Bearer ", "Basic ", "realm=", "\"", "service=", "scope=", "<", ">", ";", "rel=", "next", "\"next\"",
                "http://a/v2/x/tags/list?n=1&last=", "file:///etc/passwd", "Mon, 01 Jan 2030 00:00:00 GMT", "-1", "120",
            ]
        var counts: [String: Int] = [:]
        for _ in 0..<2_000 {
            let text = random.join(durationPieces, upTo: 8)
            _ = GoDuration.parse(text)
            counts["GoDuration.parse", default: 0] += 1
        }
        for _ in 0..<2_000 {
            let value = random.join(headerPieces, upTo: 10)
            if let challenge = AuthChallenge.parse([value]) { _ = challenge.realm }
            _ = LinkHeader.next(in: [value, random.join(headerPieces, upTo: 4)])
            if let seconds = RetryAfter.seconds(from: value) { #expect(seconds >= 0) }
            _ = try? Platform(parsing: random.join(["linux", "/", "amd64", "arm", "v7", "", "\u{0}"], upTo: 5))
            for parser in ["AuthChallenge.parse", "LinkHeader.next", "RetryAfter.seconds", "Platform(parsing:)"] {
                counts[parser, default: 0] += 1
            }
        }
        let long = String(repeating: "Bearer realm=\"x\",", count: 100_000)
        let (_, elapsed) = timed { AuthChallenge.parse([long]) }
        #expect(elapsed < .seconds(1))
        for (parser, count) in counts.sorted(by: { $0.key < $1.key }) {
            FuzzTally.report(parser, tried: count)
        }
    }

    @Test("a YAML error in registries.conf does not quote the line (it may hold a password)")
    func yamlErrorsDoNotQuoteLines() {
        let text = "registries:\n- name: a\n  api_url: https://user:\(Self.secret)@a.io/\u{1}\n"
        #expect {
            try RegistriesConf(yaml: text, source: "registries.conf")
        } throws: { error in
            let message = String(describing: error)
            return message.hasPrefix("registries.conf: not valid YAML") && !message.contains(Self.secret)
        }
    }

    @Test("a credsexpire too large for a duration is refused, not a crash")
    func hugeDurations() {
        for text in ["99999999999999999999h", "9223372036854775807s", "1" + String(repeating: "0", count: 40) + "ms"] {
            #expect(GoDuration.parse(text) == nil, "\(text)")
            #expect(throws: RegistryError.self) {
                try RegistriesConf(
                    yaml: "registries:\n- name: a\n  prefix: a.io\n  api_url: https://a.io\n  credsexpire: \(text)\n")
            }
        }
        #expect(GoDuration.parse("2562047h") == .seconds(2_562_047 * 3_600))
        #expect(GoDuration.parse("2000µs") == .milliseconds(2))
        #expect(GoDuration.parse("2000μs") == .milliseconds(2))
    }
}
