import Foundation

/// The settings Image Updater layers global → per-application → per-image (`commonUpdateSettings`).
struct UpdateSettings: Equatable {
    var updateStrategy: String?
    var allowTags: String?
    var ignoreTags: [String]?
    var pullSecret: String?
    var forceUpdate: Bool?
    var platforms: [String]?

    /// `self` with every field `more` sets taking precedence.
    func overridden(by more: UpdateSettings?) -> UpdateSettings {
        guard let more else { return self }
        return UpdateSettings(
            updateStrategy: more.updateStrategy ?? updateStrategy,
            allowTags: more.allowTags ?? allowTags,
            ignoreTags: more.ignoreTags ?? ignoreTags,
            pullSecret: more.pullSecret ?? pullSecret,
            forceUpdate: more.forceUpdate ?? forceUpdate,
            platforms: more.platforms ?? platforms
        )
    }

    func apply(to image: inout ImageConfig) {
        image.updateStrategy = updateStrategy
        image.allowTags = allowTags
        image.ignoreTags = ignoreTags ?? []
        image.pullSecret = pullSecret
        image.forceUpdate = forceUpdate ?? false
        image.platforms = platforms ?? []
    }

    /// Go's `strconv.ParseBool`, which Image Updater uses for `force-update`.
    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": true
        case "0", "f", "F", "false", "FALSE", "False": false
        default: nil
        }
    }

    /// Comma-separated list, trimmed, empty entries dropped.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
