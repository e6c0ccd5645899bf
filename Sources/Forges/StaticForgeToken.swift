/// A token that never changes (a personal, project or CI token) behind the `ForgeTokenProvider` interface.
public struct StaticForgeToken: ForgeTokenProvider {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    public func token(for repository: ForgeRepository) async throws -> String { value }

    public var description: String { "a fixed token" }
}
