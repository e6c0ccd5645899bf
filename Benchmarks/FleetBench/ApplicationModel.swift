/// One generated Application: which image repository it follows, how, and what it runs now.
struct ApplicationModel: Sendable {
    enum Strategy: String, Sendable, CaseIterable {
        case semver
        case newestBuild = "newest-build"
        case digest
    }

    static let constraints = ["^1.2", "~2.3", ">=1.5.0", "1.x", "^0.5", "~3.1", ""]

    var name: String
    var repository: Int
    var gitRepository: Int
    var strategy: Strategy
    /// The semver constraint (semver), or the tracked tag (digest).
    var constraint: String
    var currentTag: String

    /// 60% semver, 30% newest-build, 10% digest, spread over repositories by the seed.
    static func fleet(_ shape: FleetShape, repositories: [ImageRepositoryModel]) -> [ApplicationModel] {
        var random = SeededGenerator(seed: shape.seed)
        return (0..<shape.applications).map { index in
            let repository = Int(random.next() % UInt64(shape.imageRepositories))
            let slot = (index * 7) % 10
            let strategy: Strategy = slot < 6 ? .semver : slot < 9 ? .newestBuild : .digest
            let constraint: String
            let current: String
            switch strategy {
            case .semver:
                constraint = constraints[Int(random.next() % UInt64(constraints.count))]
                current = "0.0.1"
            case .newestBuild:
                constraint = ""
                current = repositories[repository].oldestBuild
            case .digest:
                constraint = "latest"
                current = "latest"
            }
            return ApplicationModel(
                name: "app-\(index)", repository: repository, gitRepository: index % shape.gitRepositories,
                strategy: strategy, constraint: constraint, currentTag: current)
        }
    }
}
