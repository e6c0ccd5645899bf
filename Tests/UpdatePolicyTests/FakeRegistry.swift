import Foundation
import UpdatePolicy

/// Records which tags the selector asked about, and how many requests overlapped.
actor MetadataLog {
    private(set) var calls: [String] = []
    private(set) var maximumInFlight = 0
    private var inFlight = 0

    func begin(_ tag: String) {
        calls.append(tag)
        inFlight += 1
        maximumInFlight = max(maximumInFlight, inFlight)
    }

    func end() {
        inFlight -= 1
    }
}

struct FakeRegistryError: Error, Equatable {
    let tag: String
}

/// Answers metadata requests from a table; unknown tags and `failing` tags throw.
struct FakeRegistry: Sendable {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    let entries: [String: TagMetadata]
    let tags: [String]
    let failing: Set<String>
    let delay: Duration?
    let log = MetadataLog()

    init(_ entries: [(String, TagMetadata)], failing: Set<String> = [], delay: Duration? = nil) {
        self.entries = Dictionary(entries, uniquingKeysWith: { first, _ in first })
        self.tags = entries.map(\.0)
        self.failing = failing
        self.delay = delay
    }

    /// An image built `minutes` after the epoch, its digest derived from the tag.
    static func built(_ minutes: Int?, _ tag: String) -> (String, TagMetadata) {
        (tag, TagMetadata(digest: digest(tag), created: minutes.map { epoch.addingTimeInterval(Double($0) * 60) }))
    }

    static func digest(_ tag: String) -> String {
        "sha256:" + String(tag.utf8.map { String(format: "%02x", $0) }.joined().prefix(64))
    }

    func metadata(_ tag: String) async throws -> TagMetadata {
        await log.begin(tag)
        if let delay { try? await Task.sleep(for: delay) }
        await log.end()
        guard !failing.contains(tag), let entry = entries[tag] else { throw FakeRegistryError(tag: tag) }
        return entry
    }

    /// Runs the selector against this registry.
    func select(
        _ policy: ImagePolicy, current: String? = nil, currentDigest: String? = nil,
        selector: TagSelector = TagSelector()
    ) async throws -> Selection {
        try await selector.select(tags: tags, current: current, currentDigest: currentDigest, policy: policy) {
            try await self.metadata($0)
        }
    }

    var calls: [String] {
        get async { await log.calls }
    }
}
