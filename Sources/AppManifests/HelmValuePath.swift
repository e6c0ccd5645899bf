import Yams

/// Image Updater's Helm value keys: `a.b.c` as nested keys (with `key[2]` indexing into lists), or the literal
/// key `a.b.c` when the nested path does not exist.
struct HelmValuePath {
    struct Component: Equatable {
        var key: String
        var index: Int?
    }

    let raw: String
    let components: [Component]

    init(_ raw: String) {
        self.raw = raw
        components = raw.split(separator: ".", omittingEmptySubsequences: false).map { part in
            if part.hasSuffix("]"), let open = part.lastIndex(of: "["),
                let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            {
                return Component(key: String(part[..<open]), index: index)
            }
            return Component(key: String(part), index: nil)
        }
    }

    /// The scalar node at this path in `root`, if any.
    func scalar(in root: Node) -> Node? {
        if let node = walk(root, components[...]), case .scalar = node { return node }
        if let literal = root.child(raw), case .scalar = literal { return literal }
        return nil
    }

    /// The deepest mapping that exists along the path and the components still missing below it.
    func deepestMapping(in root: Node) -> (node: Node, keyNode: Node?, value: Node?, missing: ArraySlice<Component>)? {
        var current = root
        var remaining = components[...]
        while let component = remaining.first {
            guard component.index == nil else { return nil }
            guard let next = current.child(component.key) else { break }
            if next.isMapping {
                current = next
                remaining = remaining.dropFirst()
                continue
            }
            // An empty value (`image:` alone) can take children.
            if next.scalarText == "", remaining.count > 1 {
                return (current, current.keyNode(component.key), next, remaining)
            }
            return nil
        }
        return (current, nil, nil, remaining)
    }

    private func walk(_ node: Node, _ remaining: ArraySlice<Component>) -> Node? {
        guard let component = remaining.first else { return node }
        guard var next = node.child(component.key) else { return nil }
        if let index = component.index {
            let items = next.sequenceItems
            guard index >= 0, index < items.count else { return nil }
            next = items[index]
        }
        return walk(next, remaining.dropFirst())
    }
}
