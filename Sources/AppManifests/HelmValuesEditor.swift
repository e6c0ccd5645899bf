import Yams

/// Edits a Helm values file for `write-back-target: helmvalues:<file>`: existing scalars are rewritten in place,
/// missing keys are added as nested mappings, and everything else keeps its bytes.
public enum HelmValuesEditor {
    /// The whole new text of the values file (`existing` nil or empty when it does not exist yet).
    public static func render(
        app: ApplicationSpec,
        changes: [PlannedImageChange],
        existing: String?,
        path: String? = nil,
        limits: YAMLLimits = .default
    ) throws(ManifestError) -> String {
        let location = ManifestLocation(path: path ?? app.writeBack.target.path, line: 0)
        var text = existing ?? ""
        for change in changes {
            for parameter in try OverrideFileWriter.helmParameters(app: app, change: change, location: location) {
                text = try set(
                    HelmValuePath(parameter.name), to: parameter.value, in: text, location: location, limits: limits)
            }
        }
        return text
    }

    static func set(
        _ path: HelmValuePath,
        to value: String,
        in text: String,
        location: ManifestLocation,
        limits: YAMLLimits
    ) throws(ManifestError) -> String {
        var editor = YAMLTextEditor(text: text, location: location)
        guard let root = try EditableDocument.root(text, location: location, limits: limits) else {
            return EditableDocument.appendable(text)
                + nested(path.components[...], value: value).joined(separator: "\n") + "\n"
        }
        if let scalar = path.scalar(in: root) {
            if scalar.scalarText != value { try editor.replaceScalar(scalar, with: value) }
            return editor.text
        }
        guard let (mapping, key, empty, missing) = path.deepestMapping(in: root), !missing.isEmpty else {
            throw ManifestError.notEditable(location, "cannot set '\(path.raw)': a value on the way is not a mapping")
        }
        if let key, let empty {
            try editor.append(nested(missing.dropFirst(), value: value), underKey: key, value: empty)
        } else if mapping.mappingPairs.isEmpty {
            throw ManifestError.notEditable(
                location.at(line: mapping.line), "cannot add '\(path.raw)' to an empty mapping")
        } else {
            try editor.append(nested(missing, value: value), toMapping: mapping)
        }
        return editor.text
    }

    /// `a:\n  b: value` lines for the missing components.
    private static func nested(_ components: ArraySlice<HelmValuePath.Component>, value: String) -> [String] {
        var lines: [String] = []
        for (depth, component) in components.enumerated() {
            let indent = String(repeating: "  ", count: depth)
            let key = YAMLScalar.render(component.key)
            lines.append(
                depth == components.count - 1 ? "\(indent)\(key): \(YAMLScalar.render(value))" : "\(indent)\(key):")
        }
        return lines
    }
}
