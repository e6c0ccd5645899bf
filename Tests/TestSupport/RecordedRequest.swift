/// One request a proxy saw, for asserting what a client sent and how often.
public struct RecordedRequest: Sendable, Equatable {
    public let method: String
    public let path: String
    /// The raw query string without `?`, nil when there was none.
    public let query: String?
    /// Header values by lower-cased name; repeated headers are joined with ", ".
    public let headers: [String: String]
    /// The fault the proxy applied to this request, nil when it was passed through untouched.
    public let fault: String?

    /// Case-insensitive header lookup.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Remembers requests in arrival order and how often each fault rule has fired.
actor RequestRecorder {
    private var requests: [RecordedRequest] = []
    private var hits: [Int: Int] = [:]
    private var healed = false

    var all: [RecordedRequest] { requests }

    func record(_ request: RecordedRequest) { requests.append(request) }

    /// From now on no rule fires.
    func heal() { healed = true }

    /// Picks the first matching rule that still has budget and charges it, atomically.
    func claim(_ rules: [FaultRule], method: String, target: String) -> FaultRule? {
        guard !healed else { return nil }
        for (index, rule) in rules.enumerated() where rule.matches(method: method, target: target) {
            if let limit = rule.limit, hits[index, default: 0] >= limit { continue }
            hits[index, default: 0] += 1
            return rule
        }
        return nil
    }
}
