import Foundation

/// Everything `argocd-image-pr.yaml` can say; every field has a default so an absent
/// file and an empty file mean the same thing.
public struct BotConfiguration: Sendable, Equatable {
    /// Where Application / ImageUpdater manifests are read.
    public var applications: [ApplicationSource]
    /// How an Application's repoURL maps to a forge (github.com and gitlab.com are built in).
    public var forges: [ForgeSettings]
    /// Pull request shape.
    public var pullRequests: PullRequestSettings
    /// Argo CD Image Updater `registries.conf`, resolved against the config file's folder.
    public var registriesConf: String?
    /// Folder of Mustache template overrides, resolved against the config file's folder.
    public var templates: String?
    /// The namespace Argo CD runs in; decides the override file name.
    public var argocdNamespace: String
    /// Commit identity.
    public var git: GitSettings
    /// Service-only settings for `serve`.
    public var service: ServiceSettings
    /// The file this was read from, if any.
    public var sourcePath: String?

    public init(
        applications: [ApplicationSource] = [],
        forges: [ForgeSettings] = [],
        pullRequests: PullRequestSettings = .init(),
        registriesConf: String? = nil,
        templates: String? = nil,
        argocdNamespace: String = "argocd",
        git: GitSettings = .init(),
        service: ServiceSettings = .init(),
        sourcePath: String? = nil
    ) {
        self.applications = applications
        self.forges = forges
        self.pullRequests = pullRequests
        self.registriesConf = registriesConf
        self.templates = templates
        self.argocdNamespace = argocdNamespace
        self.git = git
        self.service = service
        self.sourcePath = sourcePath
    }

    /// Default glob patterns for manifests.
    public static let defaultManifestPaths = ["**/*.yaml", "**/*.yml"]
}

/// One repository of Application manifests.
public struct ApplicationSource: Sendable, Equatable {
    /// Local path or git URL.
    public var repo: String
    /// Glob patterns relative to the repository root.
    public var paths: [String]

    public init(repo: String, paths: [String] = BotConfiguration.defaultManifestPaths) {
        self.repo = repo
        self.paths = paths
    }
}

/// A forge instance that Application repoURLs are matched against by prefix.
public struct ForgeSettings: Sendable, Equatable {
    /// Kind of forge API.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case github, gitlab
    }

    public var url: String
    public var type: Kind
    public var tokenEnv: String?

    public init(url: String, type: Kind, tokenEnv: String? = nil) {
        self.url = url
        self.type = type
        self.tokenEnv = tokenEnv
    }
}

/// Branch, label and reviewer settings for the bot's pull requests.
public struct PullRequestSettings: Sendable, Equatable {
    public var branchPrefix: String
    /// Extra labels; the default label is always added.
    public var labels: [String]
    public var reviewers: [String]
    public var assignees: [String]
    public var draft: Bool

    /// The label every bot pull request carries.
    public static let defaultLabel = "argocd-image-pr"

    public init(
        branchPrefix: String = "argocd-image-pr/",
        labels: [String] = [],
        reviewers: [String] = [],
        assignees: [String] = [],
        draft: Bool = false
    ) {
        self.branchPrefix = branchPrefix
        self.labels = labels
        self.reviewers = reviewers
        self.assignees = assignees
        self.draft = draft
    }

    /// The default label followed by the configured ones, without duplicates.
    public var allLabels: [String] {
        var seen = Set<String>()
        return ([Self.defaultLabel] + labels).filter { seen.insert($0).inserted }
    }
}

/// Commit identity; needs no git configuration on the machine.
public struct GitSettings: Sendable, Equatable {
    public var authorName: String
    public var authorEmail: String

    public init(authorName: String = "argocd-image-pr", authorEmail: String = "argocd-image-pr@noreply.invalid") {
        self.authorName = authorName
        self.authorEmail = authorEmail
    }
}

/// Settings only `serve` reads.
public struct ServiceSettings: Sendable, Equatable {
    /// Seconds between full reconciles.
    public var intervalSeconds: Int
    public var githubWebhookSecretEnv: String
    public var gitlabWebhookTokenEnv: String
    public var registryWebhookTokenEnv: String

    public init(
        intervalSeconds: Int = 300,
        githubWebhookSecretEnv: String = "GITHUB_WEBHOOK_SECRET",
        gitlabWebhookTokenEnv: String = "GITLAB_WEBHOOK_TOKEN",
        registryWebhookTokenEnv: String = "REGISTRY_WEBHOOK_TOKEN"
    ) {
        self.intervalSeconds = intervalSeconds
        self.githubWebhookSecretEnv = githubWebhookSecretEnv
        self.gitlabWebhookTokenEnv = gitlabWebhookTokenEnv
        self.registryWebhookTokenEnv = registryWebhookTokenEnv
    }
}
