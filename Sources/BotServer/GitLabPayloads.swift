/// The few fields of GitLab webhook payloads the service reads.
enum GitLabPayloads {
    struct Project: Decodable {
        let webURL: String

        private enum CodingKeys: String, CodingKey { case webURL = "web_url" }
    }

    struct Note: Decodable {
        struct Attributes: Decodable {
            let id: Int
            let noteableType: String

            private enum CodingKeys: String, CodingKey {
                case id
                case noteableType = "noteable_type"
            }
        }
        struct MergeRequest: Decodable { let iid: Int }

        let objectAttributes: Attributes
        let mergeRequest: MergeRequest?
        let project: Project

        private enum CodingKeys: String, CodingKey {
            case project
            case objectAttributes = "object_attributes"
            case mergeRequest = "merge_request"
        }
    }

    struct MergeRequestEvent: Decodable {
        struct Attributes: Decodable { let action: String? }

        let objectAttributes: Attributes
        let project: Project

        private enum CodingKeys: String, CodingKey {
            case project
            case objectAttributes = "object_attributes"
        }
    }

    struct Push: Decodable {
        let ref: String
        let after: String?
        let project: Project
    }
}
