/// What the bot remembers about one Application between runs.
public struct ApplicationState: Sendable, Equatable, Codable {
    /// Versions people declined by closing a pull request unmerged: never proposed again.
    public var declined: [TagHold]
    /// Images held at a tag (`/pin`, issue #9).
    public var pins: [TagHold]
    /// Tags never to propose (`/skip`, issue #9).
    public var skips: [TagHold]
    /// Closed pull requests already read for declines, so an `/unskip` is not undone by re-reading them.
    public var processedPullRequests: [Int]

    public init(
        declined: [TagHold] = [], pins: [TagHold] = [], skips: [TagHold] = [], processedPullRequests: [Int] = []
    ) {
        self.declined = declined
        self.pins = pins
        self.skips = skips
        self.processedPullRequests = processedPullRequests
    }

    public var isEmpty: Bool {
        declined.isEmpty && pins.isEmpty && skips.isEmpty && processedPullRequests.isEmpty
    }

    /// True when planning this Application must take holds into account.
    var hasHolds: Bool { !declined.isEmpty || !pins.isEmpty || !skips.isEmpty }

    /// Records a declined version; false when it was already recorded.
    @discardableResult
    mutating func decline(_ hold: TagHold) -> Bool {
        guard !declined.contains(where: { $0.alias == hold.alias && $0.tag == hold.tag }) else { return false }
        declined.append(hold)
        return true
    }

    enum CodingKeys: String, CodingKey {
        case declined, pins, skips, processedPullRequests
    }

    // Every list may be left out of a hand-edited file.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        declined = try container.decodeIfPresent([TagHold].self, forKey: .declined) ?? []
        pins = try container.decodeIfPresent([TagHold].self, forKey: .pins) ?? []
        skips = try container.decodeIfPresent([TagHold].self, forKey: .skips) ?? []
        processedPullRequests = try container.decodeIfPresent([Int].self, forKey: .processedPullRequests) ?? []
    }
}
