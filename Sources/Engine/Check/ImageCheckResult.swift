import Foundation

/// What `check-image` found for one image.
public struct ImageCheckResult: Sendable {
    /// The chosen tag and the digest it points to.
    public struct Selected: Sendable, Equatable {
        public var tag: String
        public var digest: String?
    }

    public var image: String
    public var registry: String
    public var repository: String
    public var strategy: String
    public var selected: Selected?
    public var considered: Int
    /// Why nothing was selected, when nothing was.
    public var reason: String?
    /// The one-line failure, when the registry could not be asked (exit 1).
    public var error: String?
    public var created: Date?
    public var labels: [String: String]

    /// The `check-image --format json` object of the command-line contract.
    public func json() -> String {
        struct Document: Encodable {
            struct Chosen: Encodable {
                var tag: String
                var digest: String?
            }
            var image: String
            var registry: String
            var repository: String
            var strategy: String
            var selected: Chosen?
            var considered: Int
            var reason: String?
            var error: String?

            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(image, forKey: .image)
                try container.encode(registry, forKey: .registry)
                try container.encode(repository, forKey: .repository)
                try container.encode(strategy, forKey: .strategy)
                try container.encode(selected, forKey: .selected)  // null when nothing was chosen
                try container.encode(considered, forKey: .considered)
                try container.encodeIfPresent(reason, forKey: .reason)
                try container.encodeIfPresent(error, forKey: .error)
            }

            enum CodingKeys: String, CodingKey {
                case image, registry, repository, strategy, selected, considered, reason, error
            }
        }
        let document = Document(
            image: image, registry: registry, repository: repository, strategy: strategy,
            selected: selected.map { Document.Chosen(tag: $0.tag, digest: $0.digest) }, considered: considered,
            reason: reason, error: error)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// The human summary.
    public func text() -> String {
        var lines = ["image:      \(registry)/\(repository)", "strategy:   \(strategy)"]
        if let selected {
            lines.append("selected:   \(selected.tag)")
            if let digest = selected.digest { lines.append("digest:     \(digest)") }
            if let created {
                let formatter = ISO8601DateFormatter()
                lines.append("built:      \(formatter.string(from: created))")
            }
            for key in labels.keys.sorted() where key.hasPrefix("org.opencontainers.image.") {
                lines.append("label:      \(key)=\(labels[key] ?? "")")
            }
        } else {
            lines.append("selected:   none" + (reason.map { " (\($0))" } ?? ""))
        }
        lines.append("considered: \(considered) tag(s)")
        return lines.joined(separator: "\n")
    }
}
