/// Where an Application's update is written: repository, base branch and source path.
public struct PlanTarget: Sendable, Equatable {
    /// The repository URL or path, as the Application names it.
    public var repo: String
    /// The branch the pull request goes to.
    public var branch: String
    /// The Application's source path inside the repository.
    public var path: String

    public init(repo: String, branch: String, path: String) {
        self.repo = repo
        self.branch = branch
        self.path = path
    }
}
