/// One entry of a Helm `parameters:` list, as Argo CD and Image Updater write it.
public struct HelmParameter: Sendable, Hashable {
    public var name: String
    public var value: String
    public var forceString: Bool

    public init(name: String, value: String, forceString: Bool = false) {
        self.name = name
        self.value = value
        self.forceString = forceString
    }
}
