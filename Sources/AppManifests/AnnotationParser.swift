import Foundation

/// Reads Argo CD Image Updater's `argocd-image-updater.argoproj.io/*` annotations, with per-alias forms
/// overriding application-wide ones exactly as Image Updater does.
struct AnnotationParser {
    static let prefix = "argocd-image-updater.argoproj.io/"

    /// Suffixes that only exist per alias (`<alias>.<suffix>`).
    private static let aliasSuffixes = [
        "update-strategy", "allow-tags", "ignore-tags", "force-update", "pull-secret", "platforms", "tag-match",
        "helm.image-name", "helm.image-tag", "helm.image-spec", "kustomize.image-name",
    ]

    let annotations: [String: String]
    let lines: [String: Int]
    let location: ManifestLocation

    var hasImageList: Bool { annotations[Self.prefix + "image-list"] != nil }

    func parse() -> (images: [ImageConfig], writeBack: RawWriteBack, errors: [ManifestError]) {
        var errors: [ManifestError] = []
        let global = settings(alias: nil, errors: &errors)
        var images: [ImageConfig] = []
        var aliases: Set<String> = []
        for entry in imageListEntries(errors: &errors) {
            var image = entry
            if image.hasExplicitAlias {
                if !aliases.insert(image.alias).inserted {
                    errors.append(error("image-list", "alias '\(image.alias)' is listed twice"))
                    continue
                }
                global.overridden(by: settings(alias: image.alias, errors: &errors)).apply(to: &image)
                image.helm = ImageConfig.HelmTarget(
                    imageName: value(aliased: image.alias, "helm.image-name"),
                    imageTag: value(aliased: image.alias, "helm.image-tag"),
                    imageSpec: value(aliased: image.alias, "helm.image-spec")
                )
                image.kustomizeImageName = value(aliased: image.alias, "kustomize.image-name")
            } else {
                global.apply(to: &image)
            }
            images.append(image)
        }
        errors += unknownAliasErrors(known: aliases)
        let writeBack = RawWriteBack(
            method: field("write-back-method"),
            target: field("write-back-target"),
            branch: field("git-branch"),
            repository: field("git-repository")
        )
        return (images, writeBack, errors)
    }

    private func imageListEntries(errors: inout [ManifestError]) -> [ImageConfig] {
        guard let list = annotations[Self.prefix + "image-list"] else { return [] }
        var result: [ImageConfig] = []
        for raw in list.split(separator: ",") {
            let item = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if item.isEmpty { continue }
            var alias: String? = nil
            var image = item
            if let equals = item.firstIndex(of: "=") {
                alias = item[..<equals].trimmingCharacters(in: .whitespaces)
                image = item[item.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
            if image.isEmpty || image.contains(where: \.isWhitespace) {
                errors.append(error("image-list", "invalid image '\(image)' in entry '\(item)'"))
                continue
            }
            if let alias, !alias.isEmpty, !Self.isValidAlias(alias) {
                errors.append(error("image-list", "invalid alias '\(alias)'"))
                continue
            }
            let parts = ImageReferenceParts(image)
            let named = alias.flatMap { $0.isEmpty ? nil : $0 }
            result.append(
                ImageConfig(
                    alias: named ?? parts.name,
                    hasExplicitAlias: named != nil,
                    image: image,
                    imageName: parts.name,
                    constraint: parts.tag,
                    digest: parts.digest
                )
            )
        }
        if result.isEmpty, errors.isEmpty {
            errors.append(error("image-list", "no images listed"))
        }
        return result
    }

    /// The ImageUpdater CRD's alias pattern, `^[a-zA-Z0-9][a-zA-Z0-9-._]*$`.
    static func isValidAlias(_ alias: String) -> Bool {
        guard let first = alias.unicodeScalars.first, first.isASCIIAlphanumeric else { return false }
        return alias.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || "-._".unicodeScalars.contains($0) }
    }

    private func settings(alias: String?, errors: inout [ManifestError]) -> UpdateSettings {
        func read(_ suffix: String) -> (String, String)? {
            if let alias {
                guard let text = value(aliased: alias, suffix) else { return nil }
                return (aliasKey(alias, suffix), text)
            }
            guard let text = annotations[Self.prefix + suffix] else { return nil }
            return (suffix, text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var result = UpdateSettings()
        if let (_, text) = read("update-strategy"), !text.isEmpty { result.updateStrategy = text }
        if let (_, text) = read("allow-tags") ?? (alias == nil ? nil : read("tag-match")), !text.isEmpty {
            result.allowTags = text
        }
        if let (_, text) = read("ignore-tags") { result.ignoreTags = UpdateSettings.list(text) }
        if let (_, text) = read("pull-secret"), !text.isEmpty { result.pullSecret = text }
        if let (_, text) = read("platforms") {
            let platforms = UpdateSettings.list(text)
            if !platforms.isEmpty { result.platforms = platforms }
        }
        if let (key, text) = read("force-update") {
            if let flag = UpdateSettings.parseBool(text) {
                result.forceUpdate = flag
            } else {
                errors.append(error(key, "'\(text)' is not a boolean"))
            }
        }
        return result
    }

    /// The annotation key actually present for `<alias>.<suffix>` (Image Updater 0.x also accepted `/` as `_`).
    private func aliasKey(_ alias: String, _ suffix: String) -> String {
        let direct = "\(alias).\(suffix)"
        if annotations[Self.prefix + direct] != nil { return direct }
        return "\(alias.replacingOccurrences(of: "/", with: "_")).\(suffix)"
    }

    private func value(aliased alias: String, _ suffix: String) -> String? {
        let text = annotations[Self.prefix + aliasKey(alias, suffix)]?.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.flatMap { $0.isEmpty ? nil : $0 }
    }

    private func unknownAliasErrors(known: Set<String>) -> [ManifestError] {
        var errors: [ManifestError] = []
        for key in annotations.keys.sorted() where key.hasPrefix(Self.prefix) {
            let name = String(key.dropFirst(Self.prefix.count))
            for suffix in Self.aliasSuffixes where name.hasSuffix("." + suffix) {
                let alias = String(name.dropLast(suffix.count + 1))
                if alias.isEmpty || known.contains(alias)
                    || known.contains(where: { $0.replacingOccurrences(of: "/", with: "_") == alias })
                {
                    break
                }
                errors.append(error(name, "refers to alias '\(alias)', which image-list does not define"))
                break
            }
        }
        return errors
    }

    private func field(_ name: String) -> RawWriteBack.Field? {
        guard let text = annotations[Self.prefix + name]?.trimmingCharacters(in: .whitespacesAndNewlines),
            !text.isEmpty
        else { return nil }
        return RawWriteBack.Field(value: text, label: "annotation \(Self.prefix)\(name)", location: at(name))
    }

    private func at(_ name: String) -> ManifestLocation {
        location.at(line: lines[Self.prefix + name] ?? location.line)
    }

    private func error(_ name: String, _ message: String) -> ManifestError {
        ManifestError.invalidAnnotation(at(name), Self.prefix + name, message)
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }
}
