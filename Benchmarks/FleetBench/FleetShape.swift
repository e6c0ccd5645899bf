/// The size of a generated fleet; every count is a parameter so scaling runs use the same code.
struct FleetShape: Sendable, Hashable, Codable, CustomStringConvertible {
    var applications: Int
    var imageRepositories: Int
    var tagsPerRepository: Int
    var gitRepositories: Int
    var seed: UInt64

    var description: String {
        "\(applications) apps / \(imageRepositories) image repos × \(tagsPerRepository) tags / \(gitRepositories) git repos"
    }

    /// Names the cached registry storage: only the image side decides what is in the registry.
    var registryKey: String { "r\(imageRepositories)-t\(tagsPerRepository)-s\(seed)" }
}
