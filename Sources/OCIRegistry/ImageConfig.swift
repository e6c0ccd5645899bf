import Foundation

/// The fields of an image config blob this client reads: platform, `created` and labels.
struct ImageConfig: Sendable {
    let platform: Platform?
    let created: Date?
    let labels: [String: String]

    private struct Raw: Decodable {
        struct Inner: Decodable {
            var labels: [String: String]?

            enum CodingKeys: String, CodingKey {
                case labels = "Labels"
            }
        }
        var created: String?
        var os: String?
        var architecture: String?
        var variant: String?
        var config: Inner?
    }

    init(body: [UInt8]) throws {
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: Data(body))
        } catch {
            throw RegistryError(.malformedResponse(detail: "image config is not valid JSON of the expected shape"))
        }
        if let os = raw.os, let architecture = raw.architecture {
            platform = Platform(os: os, architecture: architecture, variant: raw.variant)
        } else {
            platform = nil
        }
        created = raw.created.flatMap(Self.parseDate)
        var labels: [String: String] = [:]
        for (key, value) in raw.config?.labels ?? [:] {
            labels[Self.commonLabelKeys.first { $0 == key } ?? key] = value
        }
        self.labels = labels
    }

    /// Label keys nearly every image has; a run keeps tens of thousands of configs, so these keys are the
    /// constants rather than one string per config.
    static let commonLabelKeys = [
        "org.opencontainers.image.source", "org.opencontainers.image.revision", "org.opencontainers.image.version",
        "org.opencontainers.image.created", "org.opencontainers.image.title", "org.opencontainers.image.url",
        "org.opencontainers.image.description", "org.opencontainers.image.licenses",
        "org.opencontainers.image.vendor", "org.opencontainers.image.authors",
        "org.opencontainers.image.documentation", "org.opencontainers.image.ref.name",
    ]

    /// RFC 3339 with or without fractional seconds (Go writes up to nine digits).
    static func parseDate(_ text: String) -> Date? { RFC3339Date.parse(text) }
}
