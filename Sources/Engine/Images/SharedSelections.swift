import OCIRegistry
import UpdatePolicy

/// One plan's best tags, shared by every Application that follows the same image the same way: a
/// fleet where a thousand Applications track one repository's `main-` builds ranks its candidates once,
/// not once per Application. Whether the best tag is a change is still judged per Application.
struct SharedSelections: Sendable {
    /// What decides a best tag: the image, its policy (filters, constraint, pin, skips), platforms
    /// and pull secret; never what an Application runs now.
    struct Key: Hashable, Sendable {
        var reference: String
        var strategy: String
        var constraint: String?
        var allowTags: String?
        var ignoreTags: [String]
        var pinnedTag: String?
        var skippedTags: [String]
        var platforms: [String]
        var pullSecret: String?
    }

    /// A best tag and how many tags the registry listed.
    struct Best: Sendable {
        var selection: Selection
        var listedCount: Int
    }

    private let flights = SingleFlight<Key, Best>()

    /// The best tag for `key`, computed by the first caller and handed to the rest (failures included).
    func best(for key: Key, compute: @Sendable () async throws -> Best) async throws -> Best {
        try await flights.value(for: key, compute: compute)
    }
}
