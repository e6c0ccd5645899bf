import Foundation

/// The bot's durable memory for one target repository, kept as `state.yaml` on the bot-owned branch
/// `<branchPrefix>state`: declined versions now, pins, skips and answered comments for comment commands.
public struct BotState: Sendable, Equatable, Codable {
    /// Format version of `state.yaml`.
    public var version: Int
    /// Per Application name.
    public var applications: [String: ApplicationState]
    /// Comment ids already answered (comment commands), so each is answered exactly once.
    public var processedComments: [Int]
    /// The newest comment update time read so far: poll mode lists the comments changed since a little before it.
    public var commentsReadUntil: Date?

    public static let currentVersion = 1

    public init(
        applications: [String: ApplicationState] = [:], processedComments: [Int] = [], commentsReadUntil: Date? = nil
    ) {
        self.version = Self.currentVersion
        self.applications = applications
        self.processedComments = processedComments
        self.commentsReadUntil = commentsReadUntil
    }

    enum CodingKeys: String, CodingKey {
        case version, applications, processedComments, commentsReadUntil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? Self.currentVersion
        applications = try container.decodeIfPresent([String: ApplicationState].self, forKey: .applications) ?? [:]
        processedComments = try container.decodeIfPresent([Int].self, forKey: .processedComments) ?? []
        commentsReadUntil = try container.decodeIfPresent(Date.self, forKey: .commentsReadUntil)
    }

    /// The state of one Application (empty when nothing is remembered).
    public subscript(application name: String) -> ApplicationState {
        get { applications[name] ?? ApplicationState() }
        set { applications[name] = newValue.isEmpty ? nil : newValue }
    }

    /// Pins and skips for the planner: declines and skips are skipped tags, pins pinned tags.
    func holds(for name: String) -> ApplicationPlanner.Holds {
        let state = self[application: name]
        var holds = ApplicationPlanner.Holds()
        for hold in state.declined + state.skips {
            holds.skipped[name, default: [:]][hold.alias, default: []].insert(hold.tag)
        }
        for pin in state.pins {
            holds.pinned[name, default: [:]][pin.alias] = pin.tag
        }
        return holds
    }
}
