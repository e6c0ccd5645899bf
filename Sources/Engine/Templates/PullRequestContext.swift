import Foundation

/// What a pull request says besides the plan itself: where it writes, and the pins and
/// skips in force for its Application.
public struct PullRequestContext: Sendable, Equatable {
    /// A pin or skip shown in the PR body.
    public struct Hold: Sendable, Equatable {
        public var alias: String
        public var tag: String
        public init(alias: String, tag: String) {
            self.alias = alias
            self.tag = tag
        }
    }

    public var overridePath: String
    public var baseBranch: String
    public var pins: [Hold]
    public var skips: [Hold]
    /// GitLab calls them merge requests (`MR`); the default texts follow the forge's words.
    public var isMergeRequest: Bool

    public init(
        overridePath: String, baseBranch: String, pins: [Hold] = [], skips: [Hold] = [], isMergeRequest: Bool = false
    ) {
        self.overridePath = overridePath
        self.baseBranch = baseBranch
        self.pins = pins
        self.skips = skips
        self.isMergeRequest = isMergeRequest
    }

    static let sourceLabel = "org.opencontainers.image.source"
    static let revisionLabel = "org.opencontainers.image.revision"

    /// Plain dictionaries and arrays: Mustache is logic-less, so every derived value is computed here.
    func templateValues(for plan: ApplicationPlan) -> [String: Any] {
        let changes: [[String: Any]] = plan.changes.map { change in
            var values: [String: Any] = [
                "alias": change.alias, "image": change.image, "to": change.to,
                "fromDisplay": change.from ?? "(unknown)",
                "shortDigest": change.digest.map { Self.shortDigest($0) } ?? "-",
                "createdDisplay": change.created.map { Self.dateText($0) } ?? "-",
            ]
            if let from = change.from { values["from"] = from }
            if let digest = change.digest { values["digest"] = digest }
            if let source = change.labels[Self.sourceLabel], Self.isWebURL(source) {
                let base = source.hasSuffix(".git") ? String(source.dropLast(4)) : source
                values["sourceURL"] = base
                if let revision = change.labels[Self.revisionLabel], Self.isRevision(revision) {
                    values["revisionShort"] = String(revision.prefix(12))
                    values["revisionURL"] = base + Self.commitPath(base) + revision
                    if let old = change.previousLabels[Self.revisionLabel], Self.isRevision(old), old != revision {
                        values["compareURL"] = base + Self.comparePath(base) + "\(old)...\(revision)"
                    }
                }
            }
            return values
        }
        return [
            "application": plan.name,
            "overridePath": overridePath,
            "baseBranch": baseBranch,
            "changes": changes,
            "hasLinks": changes.contains { $0["sourceURL"] != nil },
            "pins": pins.map { ["alias": $0.alias, "tag": $0.tag] },
            "skips": skips.map { ["alias": $0.alias, "tag": $0.tag] },
            "hasPins": !pins.isEmpty,
            "hasSkips": !skips.isEmpty,
            "pullRequestNoun": isMergeRequest ? "merge request" : "pull request",
            "pullRequestShort": isMergeRequest ? "MR" : "PR",
        ]
    }

    /// Machine-readable state carried in the PR body (what this PR proposes).
    func stateJSON(for plan: ApplicationPlan) -> String {
        struct State: Encodable {
            struct Image: Encodable {
                var alias: String
                var image: String
                var from: String?
                var to: String
                var digest: String?
            }
            var version = 1
            var application: String
            var baseBranch: String
            var images: [Image]
        }
        let state = State(
            application: plan.name, baseBranch: baseBranch,
            images: plan.changes.map {
                .init(alias: $0.alias, image: $0.image, from: $0.from, to: $0.to, digest: $0.digest)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = (try? encoder.encode(state)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        // A tag or name can never contain `--`, but guard the HTML comment anyway.
        return text.replacingOccurrences(of: "--", with: "-\\u002d")
    }

    private static func shortDigest(_ digest: String) -> String {
        guard let colon = digest.firstIndex(of: ":") else { return digest }
        return String(digest[..<colon]) + ":" + digest[digest.index(after: colon)...].prefix(12)
    }

    private static func dateText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    private static func isWebURL(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(where: { $0.isWhitespace })
            && !text.contains(")") && !text.contains("]")
    }

    private static func isRevision(_ text: String) -> Bool {
        (7...64).contains(text.count) && text.allSatisfy { $0.isHexDigit }
    }

    private static func commitPath(_ base: String) -> String {
        base.contains("gitlab") ? "/-/commit/" : "/commit/"
    }

    private static func comparePath(_ base: String) -> String {
        base.contains("gitlab") ? "/-/compare/" : "/compare/"
    }
}
