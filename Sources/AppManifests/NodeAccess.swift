import Yams

/// Tag-agnostic reading of composed nodes: custom tags (`!!python/...`) are plain data here, never constructed.
extension Node {
    /// The value for a plain string key in a mapping, ignoring tags.
    func child(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for (candidate, value) in mapping where candidate.scalarText == key {
            return value
        }
        return nil
    }

    /// The key node for `key` in a mapping (for its location).
    func keyNode(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping.first { $0.key.scalarText == key }?.key
    }

    /// A scalar's text, whatever its tag; nil for collections.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// A scalar's text, or nil when the scalar is a YAML null (`~`, `null`, empty plain).
    var stringValue: String? {
        guard case .scalar(let scalar) = self else { return nil }
        if scalar.style == .plain || scalar.style == .any {
            if scalar.tag.rawValue.isEmpty || scalar.tag.rawValue == Tag.Name.null.rawValue,
                ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            {
                return nil
            }
        }
        return scalar.string
    }

    var sequenceItems: [Node] {
        if case .sequence(let sequence) = self { return Array(sequence) }
        return []
    }

    var mappingPairs: [(key: Node, value: Node)] {
        if case .mapping(let mapping) = self { return mapping.map { ($0.key, $0.value) } }
        return []
    }

    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }

    var line: Int { mark?.line ?? 0 }

    /// A mapping of string keys to scalar strings (annotations, labels); other entries are skipped.
    var stringMap: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in mappingPairs {
            if let key = key.scalarText, let value = value.scalarText { result[key] = value }
        }
        return result
    }
}
