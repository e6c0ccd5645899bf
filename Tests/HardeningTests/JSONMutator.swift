import Foundation

/// A JSON document as a tree the fuzzer can break: change a value's type, drop or add keys, nest deeply,
/// grow strings and arrays, and write it back as text (duplicate keys and lone surrogates included).
indirect enum JSONNode {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    /// The tree of a valid document; nil when Foundation cannot read it.
    init?(parsing text: String) {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { return nil }
        self.init(any: any)
    }

    private init(any: Any) {
        switch any {
        case let dictionary as [String: Any]:
            self = .object(dictionary.keys.sorted().map { ($0, JSONNode(any: dictionary[$0]!)) })
        case let array as [Any]:
            self = .array(array.map { JSONNode(any: $0) })
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            // Which numbers were `true`/`false` matters little to a fuzzer; the type code tells most of them apart.
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.stringValue)
            }
        default:
            self = .null
        }
    }

    var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += value
        case .string(let value): output += Self.quoted(value)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                output += Self.quoted(key) + ":"
                value.write(to: &output)
            }
            output += "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case _ where scalar.value < 0x20: output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}

/// Breaks JSON trees in the ways a hostile or buggy sender would.
struct JSONMutator {
    var random: SeededGenerator

    /// A value of a random kind, `depth` levels deep at most.
    mutating func value(depth: Int) -> JSONNode {
        switch random.below(depth > 0 ? 8 : 5) {
        case 0: return .null
        case 1: return .bool(random.chance(50))
        case 2: return .number(random.element(["0", "-1", "7", "1e400", "-0.0", "99999999999999999999", "1.5"]))
        case 3: return .string(random.element(WebhookCorpus.hostileStrings))
        case 4: return .string(random.join(HostilePieces.characters, upTo: 12))
        case 5, 6: return .array((0..<random.below(4)).map { _ in value(depth: depth - 1) })
        default:
            return .object(
                (0..<random.below(4)).map { _ in (random.element(Self.keys), value(depth: depth - 1)) })
        }
    }

    /// Keys the decoders look for, so random documents reach past the first missing field.
    static let keys = [
        "action", "issue", "number", "pull_request", "comment", "id", "repository", "html_url", "ref", "deleted",
        "registry_package", "package", "name", "namespace", "package_type", "registry", "url", "object_attributes",
        "noteable_type", "merge_request", "iid", "project", "web_url", "after", "events", "target", "tag",
        "request", "host", "push_data", "repo_name", "type", "event_data", "resources", "resource_url", "x",
    ]

    /// `node` with one random change somewhere inside it.
    mutating func mutate(_ node: JSONNode) -> JSONNode {
        switch node {
        case .object(var members) where !members.isEmpty && random.chance(70):
            let index = random.below(members.count)
            switch random.below(5) {
            case 0: members.remove(at: index)
            case 1: members.append((members[index].0, value(depth: 2)))  // a duplicate key
            case 2: members[index].1 = value(depth: 2)
            default: members[index].1 = mutate(members[index].1)
            }
            return .object(members)
        case .array(var items) where !items.isEmpty && random.chance(70):
            let index = random.below(items.count)
            if random.chance(30) {
                items.append(items[index])
            } else {
                items[index] = mutate(items[index])
            }
            return .array(items)
        case .string(let text) where random.chance(50):
            return .string(random.mutate(text, alphabet: HostilePieces.characters))
        default:
            return value(depth: 3)
        }
    }
}
