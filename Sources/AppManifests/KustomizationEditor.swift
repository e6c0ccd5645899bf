import Yams

/// Edits a kustomization's `images:` for `write-back-target: kustomization[:<dir>]`, the way Image Updater's
/// kustomize write-back sets `name`/`newName`/`newTag`/`digest`, keeping every other byte.
public enum KustomizationEditor {
    /// The file names Kustomize recognises, in its order of preference.
    public static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// The whole new text of the kustomization file.
    public static func render(
        app: ApplicationSpec,
        changes: [PlannedImageChange],
        existing: String,
        path: String? = nil,
        limits: YAMLLimits = .default
    ) throws(ManifestError) -> String {
        let location = ManifestLocation(path: path ?? app.writeBack.target.path, line: 0)
        var text = existing
        for change in changes {
            guard let image = app.image(alias: change.alias) else {
                throw ManifestError.unsupported(location, "no image with alias '\(change.alias)' in \(app.name)")
            }
            let name = image.kustomizeImageName ?? change.imageName
            let fields: [(String, String?)] = [
                ("newName", image.kustomizeImageName == nil ? nil : change.imageName),
                ("newTag", change.newTag),
                ("digest", change.newDigest),
            ]
            for (key, value) in fields {
                text = try set(key, to: value, image: name, in: text, location: location, limits: limits)
            }
        }
        return text
    }

    private static func set(
        _ key: String,
        to value: String?,
        image name: String,
        in text: String,
        location: ManifestLocation,
        limits: YAMLLimits
    ) throws(ManifestError) -> String {
        var editor = YAMLTextEditor(text: text, location: location)
        guard let root = try EditableDocument.root(text, location: location, limits: limits) else {
            throw ManifestError.notEditable(location, "the kustomization is empty")
        }
        let entry = value.map { ["- name: \(YAMLScalar.render(name))", "  \(key): \(YAMLScalar.render($0))"] }
        guard let images = root.child("images"), !images.sequenceItems.isEmpty else {
            guard let entry else { return text }
            if let images = root.child("images"), images.scalarText == "" {
                try editor.append(entry, underKey: root.keyNode("images")!, value: images)
            } else if root.child("images") != nil {
                throw ManifestError.notEditable(location.at(line: root.line), "cannot add to this images: list")
            } else {
                try editor.append(["images:"] + entry, toMapping: root)
            }
            return editor.text
        }
        guard let item = images.sequenceItems.first(where: { $0.child("name")?.scalarText == name }) else {
            guard let entry else { return text }
            try editor.append(entry, toSequence: images)
            return editor.text
        }
        switch (item.child(key), value) {
        case (let current?, let value?):
            if current.scalarText != value { try editor.replaceScalar(current, with: value) }
        case (nil, let value?):
            try editor.append(["\(key): \(YAMLScalar.render(value))"], toMapping: item)
        case (let current?, nil):
            // Image Updater replaces the whole entry, so a stale digest or newName does not survive.
            try editor.removeEntry(key: item.keyNode(key)!, value: current)
        case (nil, nil):
            break
        }
        return editor.text
    }
}
