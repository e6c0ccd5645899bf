import Yams

/// Reads registries.conf YAML strictly (unknown keys are errors, as Image Updater's `UnmarshalStrict`),
/// reporting problems as `file:line: …`.
enum RegistriesConfParser {
    private static let knownKeys: Set<String> = [
        "name", "prefix", "api_url", "ping", "credentials", "credsexpire", "defaultns", "default", "insecure",
        "limit", "tagsortmode", "ca_file", "ca_data",
    ]

    static func parse(_ yaml: String, source: String) throws(RegistryError) -> [RegistryEntry] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw RegistryError(.configuration(detail: "\(source): not valid YAML (\(Self.summary(of: error)))"))
        }
        guard let root else { return [] }
        guard case .mapping(let mapping) = root else {
            throw fail(source, root, "expected a mapping with a 'registries' list")
        }
        var entries: [RegistryEntry] = []
        for (key, value) in mapping {
            guard key.string == "registries" else {
                throw fail(source, key, "unknown key '\(key.string ?? "?")' (expected 'registries')")
            }
            if case .scalar = value, value.null != nil { continue }
            guard case .sequence(let sequence) = value else { throw fail(source, value, "'registries' must be a list") }
            for item in sequence { entries.append(try entry(from: item, source: source)) }
        }
        return entries
    }

    private static func entry(from node: Node, source: String) throws(RegistryError) -> RegistryEntry {
        guard case .mapping(let mapping) = node else { throw fail(source, node, "registry entry must be a mapping") }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string, knownKeys.contains(name) else {
                throw fail(source, key, "unknown key '\(key.string ?? "?")' in registry entry")
            }
            fields[name] = value
        }
        func string(_ key: String) throws(RegistryError) -> String? {
            guard let value = fields[key] else { return nil }
            guard case .scalar(let scalar) = value else { throw fail(source, value, "'\(key)' must be a string") }
            return scalar.string
        }
        func bool(_ key: String) throws(RegistryError) -> Bool {
            guard let value = fields[key] else { return false }
            guard let flag = value.bool else { throw fail(source, value, "'\(key)' must be true or false") }
            return flag
        }
        var entry = RegistryEntry(
            name: try string("name") ?? "",
            prefix: try string("prefix") ?? "",
            apiURL: try string("api_url") ?? ""
        )
        entry.line = node.mark?.line
        if entry.apiURL.isEmpty {
            throw fail(source, node, "API URL (api_url) must be specified for registry '\(entry.name)'")
        }
        entry.ping = try bool("ping")
        entry.isDefault = try bool("default")
        entry.insecure = try bool("insecure")
        if let text = try string("credentials"), !text.isEmpty {
            do {
                entry.credentials = try CredentialSource(parsing: text, origin: .registriesConf)
            } catch {
                throw fail(source, fields["credentials"] ?? node, error.description)
            }
        }
        if let text = try string("credsexpire"), !text.isEmpty {
            guard let duration = GoDuration.parse(text) else {
                throw fail(source, fields["credsexpire"] ?? node, "credsexpire '\(text)' is not a duration like 5h")
            }
            entry.credentialsExpire = duration
        }
        entry.defaultNamespace = try string("defaultns").flatMap { $0.isEmpty ? nil : $0 }
        if let value = fields["limit"] {
            guard let limit = value.int else { throw fail(source, value, "'limit' must be an integer") }
            entry.limit = limit
        }
        if let text = try string("tagsortmode"), !text.isEmpty {
            guard let mode = RegistryEntry.TagSortMode(rawValue: text.lowercased()) else {
                throw fail(source, fields["tagsortmode"] ?? node, "unknown tag sort mode '\(text)'")
            }
            entry.tagSortMode = mode
        }
        entry.caFile = try string("ca_file").flatMap { $0.isEmpty ? nil : $0 }
        entry.caData = try string("ca_data").flatMap { $0.isEmpty ? nil : $0 }
        return entry
    }

    private static func fail(_ source: String, _ node: Node, _ detail: String) -> RegistryError {
        let location = node.mark.map { "\(source):\($0.line)" } ?? source
        return RegistryError(.configuration(detail: "\(location): \(detail)"))
    }

    private static func summary(of error: any Error) -> String {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                return "line \(mark.line): \(problem)"
            case .duplicatedKeysInMapping(let duplicates, _):
                return "duplicate key \(duplicates.joined(separator: ", "))"
            case .reader(let problem, _, _, _):
                // Yams' own description quotes the offending line, which may hold a password in an api_url.
                return problem
            default:
                return "cannot parse"
            }
        }
        return RegistryError.oneLine(String(String(describing: error).prefix(200)))
    }
}
