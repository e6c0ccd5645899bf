import Foundation

/// Forge requests of one run: API calls by operation (reads and writes), pull request listings per repository,
/// and git smart HTTP work per repository.
struct ForgeTally: Sendable, Codable {
    /// Per-repository counts summed over the repositories and their maximum.
    struct Spread: Sendable, Codable {
        var total = 0
        var max = 0
        /// Repositories with at least one.
        var repositories = 0

        init(_ counts: [String: Int]) {
            total = counts.values.reduce(0, +)
            max = counts.values.max() ?? 0
            repositories = counts.values.count { $0 > 0 }
        }

        var text: String { "\(total) (max \(max) per repo)" }
    }

    /// API calls by operation.
    var reads: [String: Int] = [:]
    var writes: [String: Int] = [:]
    /// API calls answered with an error status (4xx/5xx).
    var failedAPICalls = 0
    var pullRequestLists: Spread
    /// GET of a single pull request (none is needed: the listing carries everything).
    var pullRequestGets = 0
    /// Successful ref advertisements for clone/fetch/ls-remote, object transfers (clone/fetch), pushes.
    var gitReadRefs: Spread
    var gitFetches: Spread
    var gitPushes: Spread
    /// Git requests refused for lack of credentials (git's first, anonymous try).
    var gitChallenges = 0

    var apiReads: Int { reads.values.reduce(0, +) }
    var apiWrites: Int { writes.values.reduce(0, +) }
    var apiCalls: Int { apiReads + apiWrites }

    init(_ calls: [ForgeCallRecord], pullListOperation: String, pullGetOperations: Set<String>) {
        var lists: [String: Int] = [:]
        var readRefs: [String: Int] = [:]
        var fetches: [String: Int] = [:]
        var pushes: [String: Int] = [:]
        for call in calls {
            let repository = call.repository ?? "?"
            if call.isGit {
                switch call.gitKind {
                case .readRefs: readRefs[repository, default: 0] += 1
                case .fetch: fetches[repository, default: 0] += 1
                case .push: pushes[repository, default: 0] += 1
                case .pushRefs: break
                case nil: if call.status == 401 { gitChallenges += 1 }
                }
                continue
            }
            if call.isWrite { writes[call.operation, default: 0] += 1 } else { reads[call.operation, default: 0] += 1 }
            if call.status >= 400 { failedAPICalls += 1 }
            if call.operation == pullListOperation { lists[repository, default: 0] += 1 }
            if pullGetOperations.contains(call.operation) { pullRequestGets += 1 }
        }
        pullRequestLists = Spread(lists)
        gitReadRefs = Spread(readRefs)
        gitFetches = Spread(fetches)
        gitPushes = Spread(pushes)
    }

    /// `pulls/list 50, issues/list-comments-for-repo 50`, biggest first.
    static func operations(_ counts: [String: Int]) -> String {
        guard !counts.isEmpty else { return "none" }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            .joined(separator: ", ")
    }
}
