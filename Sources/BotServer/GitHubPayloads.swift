/// The few fields of GitHub webhook payloads the service reads.
enum GitHubPayloads {
    struct Repository: Decodable {
        let htmlURL: String

        private enum CodingKeys: String, CodingKey { case htmlURL = "html_url" }
    }

    struct IssueComment: Decodable {
        struct Issue: Decodable {
            let number: Int
            let pullRequest: PullRequestLink?

            private enum CodingKeys: String, CodingKey {
                case number
                case pullRequest = "pull_request"
            }
        }
        struct PullRequestLink: Decodable {}
        struct Comment: Decodable { let id: Int }

        let action: String
        let issue: Issue
        let comment: Comment
        let repository: Repository
    }

    struct PullRequestEvent: Decodable {
        let action: String
        let repository: Repository
    }

    struct Push: Decodable {
        let ref: String
        let deleted: Bool?
        let repository: Repository
    }

    /// `registry_package` carries `registry_package`, `package` carries `package`; same shape.
    struct PackageEvent: Decodable {
        struct Package: Decodable {
            struct Registry: Decodable { let url: String? }
            let name: String
            let namespace: String?
            let packageType: String
            let registry: Registry?

            private enum CodingKeys: String, CodingKey {
                case name, namespace, registry
                case packageType = "package_type"
            }
        }

        let action: String
        let registryPackage: Package?
        let package: Package?

        private enum CodingKeys: String, CodingKey {
            case action, package
            case registryPackage = "registry_package"
        }
    }
}
