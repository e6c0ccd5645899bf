import Foundation
import Yams

/// Turns the composed YAML of a configuration file into a `BotConfiguration`,
/// reporting the first unknown key or ill-typed value with its line.
struct ConfigurationReader {
    let path: String

    func read(_ root: Node?) throws(ConfigurationError) -> BotConfiguration {
        var configuration = BotConfiguration()
        guard let root else { return configuration }
        let top = try mapping(root, key: "(top level)")
        for (key, value) in top {
            switch key {
            case "applications":
                configuration.applications = try sequence(value, key: key).map { item throws(ConfigurationError) in
                    try applicationSource(item)
                }
            case "forges":
                configuration.forges = try sequence(value, key: key).map { item throws(ConfigurationError) in
                    try forge(item)
                }
            case "pullRequests":
                configuration.pullRequests = try pullRequests(value)
            case "registriesConf":
                configuration.registriesConf = try string(value, key: key)
            case "templates":
                configuration.templates = try string(value, key: key)
            case "argocdNamespace":
                configuration.argocdNamespace = try string(value, key: key)
            case "git":
                configuration.git = try git(value)
            case "service":
                configuration.service = try service(value)
            default:
                throw .unknownKey(path, key: key, line: line(value))
            }
        }
        return configuration
    }

    private func applicationSource(_ node: Node) throws(ConfigurationError) -> ApplicationSource {
        var source = ApplicationSource(repo: ".")
        for (key, value) in try mapping(node, key: "applications[]") {
            switch key {
            case "repo": source.repo = try string(value, key: "applications[].repo")
            case "paths": source.paths = try strings(value, key: "applications[].paths")
            default: throw .unknownKey(path, key: "applications[].\(key)", line: line(value))
            }
        }
        return source
    }

    private func forge(_ node: Node) throws(ConfigurationError) -> ForgeSettings {
        var url: String?
        var kind: ForgeSettings.Kind?
        var tokenEnv: String?
        for (key, value) in try mapping(node, key: "forges[]") {
            switch key {
            case "url": url = try string(value, key: "forges[].url")
            case "type":
                let text = try string(value, key: "forges[].type")
                guard let parsed = ForgeSettings.Kind(rawValue: text) else {
                    throw .invalidValue(path, key: "forges[].type", reason: "`\(text)` is not github or gitlab")
                }
                kind = parsed
            case "tokenEnv": tokenEnv = try string(value, key: "forges[].tokenEnv")
            default: throw .unknownKey(path, key: "forges[].\(key)", line: line(value))
            }
        }
        guard let url, url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw .invalidValue(path, key: "forges[].url", reason: "an http(s) URL is required")
        }
        guard let kind else { throw .invalidValue(path, key: "forges[].type", reason: "github or gitlab is required") }
        return ForgeSettings(url: url, type: kind, tokenEnv: tokenEnv)
    }

    private func pullRequests(_ node: Node) throws(ConfigurationError) -> PullRequestSettings {
        var settings = PullRequestSettings()
        for (key, value) in try mapping(node, key: "pullRequests") {
            let name = "pullRequests.\(key)"
            switch key {
            case "branchPrefix":
                let prefix = try string(value, key: name)
                guard Self.isValidBranchPrefix(prefix) else {
                    throw .invalidValue(
                        path, key: name,
                        reason: "must start a valid git branch name (no leading `-`, no `refs/`, no `..`, spaces, "
                            + "control characters or any of ~^:?*[\\)")
                }
                settings.branchPrefix = prefix
            case "labels": settings.labels = try strings(value, key: name)
            case "reviewers": settings.reviewers = try strings(value, key: name)
            case "assignees": settings.assignees = try strings(value, key: name)
            case "draft": settings.draft = try bool(value, key: name)
            default: throw .unknownKey(path, key: name, line: line(value))
            }
        }
        return settings
    }

    private func git(_ node: Node) throws(ConfigurationError) -> GitSettings {
        var settings = GitSettings()
        for (key, value) in try mapping(node, key: "git") {
            switch key {
            case "author":
                // Either `Name <email>` or a mapping with name and email.
                if let text = value.scalar?.string {
                    guard let open = text.firstIndex(of: "<"), text.hasSuffix(">") else {
                        throw .invalidValue(path, key: "git.author", reason: "expected `Name <email>`")
                    }
                    settings.authorName = text[..<open].trimmingCharacters(in: .whitespaces)
                    settings.authorEmail = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
                } else {
                    for (field, fieldValue) in try mapping(value, key: "git.author") {
                        switch field {
                        case "name": settings.authorName = try string(fieldValue, key: "git.author.name")
                        case "email": settings.authorEmail = try string(fieldValue, key: "git.author.email")
                        default: throw .unknownKey(path, key: "git.author.\(field)", line: line(fieldValue))
                        }
                    }
                }
            default: throw .unknownKey(path, key: "git.\(key)", line: line(value))
            }
        }
        return settings
    }

    private func service(_ node: Node) throws(ConfigurationError) -> ServiceSettings {
        var settings = ServiceSettings()
        for (key, value) in try mapping(node, key: "service") {
            switch key {
            case "interval":
                let text = try string(value, key: "service.interval")
                guard let seconds = DurationParser.seconds(text) else {
                    throw .invalidValue(
                        path, key: "service.interval", reason: "`\(text)` is not a duration like 30s, 5m, 1h")
                }
                settings.intervalSeconds = seconds
            case "webhooks":
                for (hook, hookValue) in try mapping(value, key: "service.webhooks") {
                    let fields = try mapping(hookValue, key: "service.webhooks.\(hook)")
                    for (field, fieldValue) in fields {
                        let name = "service.webhooks.\(hook).\(field)"
                        switch (hook, field) {
                        case ("github", "secretEnv"):
                            settings.githubWebhookSecretEnv = try string(fieldValue, key: name)
                        case ("gitlab", "tokenEnv"): settings.gitlabWebhookTokenEnv = try string(fieldValue, key: name)
                        case ("registry", "tokenEnv"):
                            settings.registryWebhookTokenEnv = try string(fieldValue, key: name)
                        default: throw .unknownKey(path, key: name, line: line(fieldValue))
                        }
                    }
                }
            default: throw .unknownKey(path, key: "service.\(key)", line: line(value))
            }
        }
        return settings
    }

    /// Whether `<prefix><application>` can be a git branch name the bot may own.
    static func isValidBranchPrefix(_ prefix: String) -> Bool {
        guard !prefix.isEmpty, !prefix.hasPrefix("-"), !prefix.hasPrefix("/"), !prefix.hasPrefix("refs/"),
            !prefix.contains(".."), !prefix.contains("//"), !prefix.contains("@{"), !prefix.hasPrefix(".")
        else { return false }
        let forbidden: Set<Character> = ["~", "^", ":", "?", "*", "[", "\\", " "]
        return prefix.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
            && !prefix.contains(where: { forbidden.contains($0) })
            && prefix.split(separator: "/").allSatisfy { !$0.hasPrefix(".") && !$0.hasSuffix(".lock") }
    }

    // MARK: - typed access

    private func line(_ node: Node) -> Int? {
        node.mark.map { $0.line }
    }

    private func mapping(_ node: Node, key: String) throws(ConfigurationError) -> [(String, Node)] {
        guard let mapping = node.mapping else {
            throw .malformed(path, line: line(node), reason: "`\(key)` must be a mapping")
        }
        var pairs: [(String, Node)] = []
        for (keyNode, value) in mapping {
            guard let name = keyNode.scalar?.string else {
                throw .malformed(path, line: line(keyNode), reason: "keys under `\(key)` must be strings")
            }
            pairs.append((name, value))
        }
        return pairs
    }

    private func sequence(_ node: Node, key: String) throws(ConfigurationError) -> [Node] {
        guard let sequence = node.sequence else {
            throw .malformed(path, line: line(node), reason: "`\(key)` must be a list")
        }
        return Array(sequence)
    }

    private func string(_ node: Node, key: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else {
            throw .malformed(path, line: line(node), reason: "`\(key)` must be a string")
        }
        return scalar.string
    }

    private func strings(_ node: Node, key: String) throws(ConfigurationError) -> [String] {
        try sequence(node, key: key).map { item throws(ConfigurationError) in try string(item, key: key) }
    }

    private func bool(_ node: Node, key: String) throws(ConfigurationError) -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .malformed(path, line: line(node), reason: "`\(key)` must be true or false")
        }
    }
}
