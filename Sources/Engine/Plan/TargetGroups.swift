import AppManifests

/// The order Applications are planned in: all Applications of one target repository and branch one after
/// another (groups in the order they first appear), so each repository is open for one stretch of the run
/// and can be let go as soon as its last Application is planned.
struct TargetGroups {
    /// Where one Application's files are read.
    struct Target: Hashable {
        var location: RepositoryLocation
        var branch: String?
    }

    /// Indices into the Applications, grouped by target.
    let order: [Int]
    private(set) var remaining: [Target: Int] = [:]
    private let targets: [Target]

    init(_ apps: [ApplicationSpec]) {
        targets = apps.map { Target(location: RepositoryLocation($0.targetRepoURL), branch: $0.baseBranch) }
        var groups: [Target: [Int]] = [:]
        var firstSeen: [Target] = []
        for (index, target) in targets.enumerated() {
            if groups[target] == nil { firstSeen.append(target) }
            groups[target, default: []].append(index)
        }
        order = firstSeen.flatMap { groups[$0] ?? [] }
        remaining = groups.mapValues(\.count)
    }

    func target(of index: Int) -> Target {
        targets[index]
    }

    /// Records that Application `index` is planned; returns its target when that was the last one.
    mutating func finish(_ index: Int) -> Target? {
        let target = targets[index]
        let left = (remaining[target] ?? 1) - 1
        remaining[target] = left
        return left == 0 ? target : nil
    }
}
