import Yams

/// Parses a file about to be edited: one document whose root is a mapping, or nothing at all.
enum EditableDocument {
    /// The root mapping, or nil when the text holds no document (empty, comments only, or `~`).
    static func root(_ text: String, location: ManifestLocation, limits: YAMLLimits) throws(ManifestError) -> Node? {
        let file = try YAMLFile.parse(text, location: location, limits: limits)
        guard let document = file.documents.first else { return nil }
        guard file.documents.count == 1 else {
            throw ManifestError.notEditable(
                location.at(line: file.documents[1].line), "expected a single YAML document")
        }
        if document.isMapping { return document }
        if document.stringValue == nil { return nil }
        throw ManifestError.notEditable(location.at(line: document.line), "expected a mapping at the top level")
    }

    /// Text ready for new content to be appended: empty, or ending with a newline.
    static func appendable(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }
}
