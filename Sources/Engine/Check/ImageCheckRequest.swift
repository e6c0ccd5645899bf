/// The inputs of `check-image`, as the command line gives them.
public struct ImageCheckRequest: Sendable {
    public var image: String
    public var strategy: String
    public var allowTags: String?
    public var ignoreTags: [String]
    public var platforms: [String]
    public var registriesConf: String?

    public init(
        image: String, strategy: String = "semver", allowTags: String? = nil, ignoreTags: [String] = [],
        platforms: [String] = [], registriesConf: String? = nil
    ) {
        self.image = image
        self.strategy = strategy
        self.allowTags = allowTags
        self.ignoreTags = ignoreTags
        self.platforms = platforms
        self.registriesConf = registriesConf
    }
}
