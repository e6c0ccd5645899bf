/// Registry push notifications in the three shapes the service understands.
enum RegistryPayloads {
    /// Any of the shapes; which fields are present tells them apart.
    struct Notification: Decodable {
        /// Docker distribution (registry:2, Harbor's registry, GitLab's registry).
        let events: [DistributionEvent]?
        /// Docker Hub.
        let pushData: DockerHubPushData?
        let repository: DockerHubRepository?
        /// Harbor's own webhook.
        let type: String?
        let eventData: HarborEventData?

        private enum CodingKeys: String, CodingKey {
            case events, repository, type
            case pushData = "push_data"
            case eventData = "event_data"
        }
    }

    struct DistributionEvent: Decodable {
        struct Target: Decodable {
            let repository: String?
            let tag: String?
        }
        struct Request: Decodable { let host: String? }

        let id: String?
        let action: String
        let target: Target?
        let request: Request?
    }

    struct DockerHubPushData: Decodable { let tag: String? }

    struct DockerHubRepository: Decodable {
        let repoName: String

        private enum CodingKeys: String, CodingKey { case repoName = "repo_name" }
    }

    struct HarborEventData: Decodable {
        struct Resource: Decodable {
            let tag: String?
            let resourceURL: String?

            private enum CodingKeys: String, CodingKey {
                case tag
                case resourceURL = "resource_url"
            }
        }

        let resources: [Resource]?
    }
}
