import Foundation

/// The parts of GitHub's app answers the token provider reads.
enum GitHubAppPayloads {
    struct Installation: Decodable {
        let id: Int
    }

    struct AccessToken: Decodable {
        let token: String
        let expires_at: String
    }

    struct App: Decodable {
        let id: Int
        let slug: String?
        let name: String
    }
}
