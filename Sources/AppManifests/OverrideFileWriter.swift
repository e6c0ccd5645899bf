import Yams

/// Writes Image Updater's `.argocd-source-<app>.yaml`: Helm parameters (`name`/`value`/`forcestring: true`) or
/// Kustomize images (`[name=]newName:tag[@digest]`).
///
/// A new file looks the way Image Updater writes one. An existing file is edited in place: only values that
/// change are rewritten and entries are appended, so comments, order and unrelated keys keep every byte.
public enum OverrideFileWriter {
    /// The whole new text of the override file.
    ///
    /// - Parameters:
    ///   - existing: the current file text, or nil when there is none.
    ///   - kind: how the source renders; nil infers it from the existing file and the Application.
    ///   - path: the file's path for error messages.
    public static func render(
        app: ApplicationSpec,
        changes: [PlannedImageChange],
        existing: String?,
        kind: SourceKind? = nil,
        path: String? = nil,
        limits: YAMLLimits = .default
    ) throws(ManifestError) -> String {
        let location = ManifestLocation(path: path ?? app.writeBack.target.path, line: 0)
        var text = existing ?? ""
        let root = try EditableDocument.root(text, location: location, limits: limits)
        let effectiveKind = kind ?? inferredKind(app: app, root: root)
        if effectiveKind == .kustomize {
            for change in changes {
                let entry = try kustomizeEntry(app: app, change: change, location: location)
                text = try setKustomizeImage(
                    entry, change: change, app: app, in: text, location: location, limits: limits)
            }
        } else {
            for change in changes {
                for parameter in try helmParameters(app: app, change: change, location: location) {
                    text = try setParameter(parameter, in: text, location: location, limits: limits)
                }
            }
        }
        return text
    }

    /// The Helm parameters Image Updater sets for a change: the `image-spec` one, or name and tag.
    static func helmParameters(
        app: ApplicationSpec, change: PlannedImageChange, location: ManifestLocation
    )
        throws(ManifestError) -> [HelmParameter]
    {
        guard let image = app.image(alias: change.alias) else {
            throw ManifestError.unsupported(location, "no image with alias '\(change.alias)' in \(app.name)")
        }
        let names = image.helm.parameterNames
        guard let tagName = names.tag else {
            return [HelmParameter(name: names.name, value: change.fullReference, forceString: true)]
        }
        return [
            HelmParameter(name: names.name, value: change.imageName, forceString: true),
            HelmParameter(name: tagName, value: change.tagValue, forceString: true),
        ]
    }

    static func kustomizeEntry(
        app: ApplicationSpec, change: PlannedImageChange, location: ManifestLocation
    )
        throws(ManifestError) -> String
    {
        guard let image = app.image(alias: change.alias) else {
            throw ManifestError.unsupported(location, "no image with alias '\(change.alias)' in \(app.name)")
        }
        return (image.kustomizeImageName.map { "\($0)=" } ?? "") + change.fullReference
    }

    private static func inferredKind(app: ApplicationSpec, root: Node?) -> SourceKind {
        if let root {
            if root.child("kustomize") != nil, root.child("helm") == nil { return .kustomize }
            if root.child("helm") != nil { return .helm }
        }
        let source = app.primarySource
        if source.kustomize != nil { return .kustomize }
        if source.helm != nil { return .helm }
        return app.images.contains { $0.kustomizeImageName != nil } ? .kustomize : .helm
    }

    private static func setParameter(
        _ parameter: HelmParameter,
        in text: String,
        location: ManifestLocation,
        limits: YAMLLimits
    ) throws(ManifestError) -> String {
        let item = [
            "- name: \(YAMLScalar.render(parameter.name))",
            "  value: \(YAMLScalar.render(parameter.value))",
            "  forcestring: true",
        ]
        var editor = YAMLTextEditor(text: text, location: location)
        guard let root = try EditableDocument.root(text, location: location, limits: limits) else {
            return EditableDocument.appendable(text)
                + (["helm:", "  parameters:"] + item.map { "  " + $0 })
                .joined(separator: "\n") + "\n"
        }
        guard let helm = root.child("helm") else {
            try editor.append(["helm:", "  parameters:"] + item.map { "  " + $0 }, toMapping: root)
            return editor.text
        }
        guard helm.isMapping else {
            try editor.append(["parameters:"] + item, underKey: root.keyNode("helm")!, value: helm)
            return editor.text
        }
        guard let parameters = helm.child("parameters") else {
            try editor.append(["parameters:"] + item, toMapping: helm)
            return editor.text
        }
        guard let existing = parameters.sequenceItems.last(where: { $0.child("name")?.scalarText == parameter.name })
        else {
            if parameters.scalarText == "" {
                try editor.append(item, underKey: helm.keyNode("parameters")!, value: parameters)
            } else {
                try editor.append(item, toSequence: parameters)
            }
            return editor.text
        }
        if let value = existing.child("value") {
            if value.scalarText != parameter.value { try editor.replaceScalar(value, with: parameter.value) }
        } else {
            try editor.append(["value: \(YAMLScalar.render(parameter.value))"], toMapping: existing)
            return try setParameter(parameter, in: editor.text, location: location, limits: limits)
        }
        if let flag = existing.child("forcestring") {
            if flag.scalarText.flatMap(UpdateSettings.parseBool) != true {
                try editor.replaceScalar(flag, with: "true", verbatim: true)
            }
            return editor.text
        }
        try editor.append(["forcestring: true"], toMapping: existing)
        return editor.text
    }

    private static func setKustomizeImage(
        _ entry: String,
        change: PlannedImageChange,
        app: ApplicationSpec,
        in text: String,
        location: ManifestLocation,
        limits: YAMLLimits
    ) throws(ManifestError) -> String {
        let item = "- \(YAMLScalar.render(entry))"
        var editor = YAMLTextEditor(text: text, location: location)
        guard let root = try EditableDocument.root(text, location: location, limits: limits) else {
            return EditableDocument.appendable(text) + "kustomize:\n  images:\n  \(item)\n"
        }
        guard let kustomize = root.child("kustomize") else {
            try editor.append(["kustomize:", "  images:", "  " + item], toMapping: root)
            return editor.text
        }
        guard kustomize.isMapping else {
            try editor.append(["images:", item], underKey: root.keyNode("kustomize")!, value: kustomize)
            return editor.text
        }
        guard let images = kustomize.child("images") else {
            try editor.append(["images:", item], toMapping: kustomize)
            return editor.text
        }
        let alias = app.image(alias: change.alias)?.kustomizeImageName
        let match = images.sequenceItems.first { node in
            guard let current = node.scalarText else { return false }
            return KustomizeImageEntry(current).matches(alias: alias, imageName: change.imageName)
        }
        if let match {
            if match.scalarText != entry { try editor.replaceScalar(match, with: entry) }
        } else {
            try editor.append([item], toSequence: images)
        }
        return editor.text
    }
}
