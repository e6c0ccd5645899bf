/// Remembers the last few thousand delivery ids so a redelivered or replayed webhook queues
/// nothing; oldest ids are forgotten first, so memory stays bounded.
actor DeliveryLog {
    private var seen: Set<String> = []
    private var ring: [String?]
    private var next = 0

    init(capacity: Int) {
        ring = Array(repeating: nil, count: max(1, capacity))
    }

    /// True when `id` was already recorded; does not record it.
    func contains(_ id: String) -> Bool { seen.contains(id) }

    /// Records `id`; false when it was already there.
    @discardableResult
    func insert(_ id: String) -> Bool {
        guard !seen.contains(id) else { return false }
        if let evicted = ring[next] { seen.remove(evicted) }
        ring[next] = id
        seen.insert(id)
        next = (next + 1) % ring.count
        return true
    }
}
