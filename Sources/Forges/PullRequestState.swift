/// Where a pull request (GitHub) or merge request (GitLab) stands.
public enum PullRequestState: String, Sendable, Hashable, CaseIterable {
    case open
    /// Closed without being merged: for the bot this means "not these versions".
    case closed
    case merged
}
