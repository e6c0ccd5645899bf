import AppManifests
import ImageRef
import OCIRegistry
import TagMatching
import UpdatePolicy

/// One image-list entry turned into what the registry and the policy need, or the first reason it
/// cannot be (an unknown strategy, a bad regexp or glob, an invalid reference or platform).
struct ImageSettings: Sendable {
    var alias: String
    var reference: ImageReference
    var policy: ImagePolicy
    var platforms: [Platform]
    var pullSecret: String?

    init(_ image: ImageConfig) throws(ImageSettingsError) {
        alias = image.alias
        do {
            let spec = try ImageSpec(parsing: image.imageName)
            reference = spec.reference
            let strategy = try UpdateStrategy(parsing: image.updateStrategy ?? "semver")
            let filter = try TagFilter(allowTags: image.allowTags, ignoreTags: image.ignoreTags)
            policy = ImagePolicy(strategy: strategy, constraint: image.constraint, filter: filter)
            if strategy == .semver { _ = try policy.versionConstraint() }
            platforms = try image.platforms.map { text throws in try Platform(parsing: text) }
        } catch {
            throw ImageSettingsError(alias: image.alias, image: image.image, reason: "\(error)")
        }
        if let secret = image.pullSecret, secret.hasPrefix("ext:") {
            throw ImageSettingsError(
                alias: image.alias, image: image.image,
                reason: "pull-secret \"ext:...\" is refused: an annotation must not run programs on the bot's machine")
        }
        pullSecret = image.pullSecret
    }
}

/// Why an image-list entry cannot be planned.
struct ImageSettingsError: Error, Sendable, CustomStringConvertible {
    let alias: String
    let image: String
    let reason: String

    var description: String { "image \(alias) (\(image)): \(reason)" }
}
