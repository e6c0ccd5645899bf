/// Asks the registry about many tags with a bounded number of requests in flight.
struct MetadataLoader: Sendable {
    let width: Int

    /// Answers in completion order; the first error cancels the rest and is rethrown.
    func load(
        _ tags: [String], _ metadata: @escaping @Sendable (String) async throws -> TagMetadata
    ) async throws -> [(tag: String, answer: TagMetadata)] {
        try await withThrowingTaskGroup(of: (tag: String, answer: TagMetadata).self) { group in
            var results: [(tag: String, answer: TagMetadata)] = []
            results.reserveCapacity(tags.count)
            var pending = tags[...]
            func startNext() {
                guard let tag = pending.popFirst() else { return }
                group.addTask { (tag: tag, answer: try await metadata(tag)) }
            }
            for _ in 0..<min(width, tags.count) { startNext() }
            while let result = try await group.next() {
                results.append(result)
                startNext()
            }
            return results
        }
    }
}
