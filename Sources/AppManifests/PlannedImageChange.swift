/// One image update to write: which alias, the image name to write, and the new tag (and digest).
public struct PlannedImageChange: Sendable, Hashable {
    public var alias: String
    /// The image name without tag, as written to `image-name` parameters, e.g. `lyzhang1999/frontend`.
    public var imageName: String
    public var newTag: String
    /// Written as `tag@digest` when set; Image Updater pins a digest only for the `digest` strategy.
    public var newDigest: String?

    public init(alias: String, imageName: String, newTag: String, newDigest: String? = nil) {
        self.alias = alias
        self.imageName = imageName
        self.newTag = newTag
        self.newDigest = newDigest
    }

    /// `tag@digest` or `tag`.
    var tagValue: String { ImageReferenceParts.tagWithDigest(tag: newTag, digest: newDigest) }

    /// `name:tag[@digest]`.
    var fullReference: String { ImageReferenceParts(name: imageName, tag: newTag, digest: newDigest).fullReference }
}
