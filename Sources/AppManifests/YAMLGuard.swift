import Yams

/// Walks a freshly composed document to enforce nesting and alias-expansion limits.
///
/// Yams shares aliased nodes instead of copying them, so composing a "billion laughs" file is cheap; the danger
/// is in walking it later. This walk counts every node an alias brings in and stops at the limit, so its own
/// cost is bounded by the file size plus the limit. It must run while the `Parser` is alive, because Yams holds
/// anchors weakly.
struct YAMLGuard {
    struct Violation: Error {
        let line: Int
        let message: String
    }

    private struct AnchorKey: Hashable {
        let name: String
        let line: Int
        let column: Int
    }

    private let limits: YAMLLimits
    private var aliasNodes = 0
    private var defined: Set<AnchorKey> = []

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    mutating func check(_ node: Node) throws(Violation) {
        try walk(node, depth: 0, inAlias: false)
    }

    private mutating func walk(_ node: Node, depth: Int, inAlias: Bool) throws(Violation) {
        let line = node.mark?.line ?? 0
        var expanding = inAlias
        if let anchor = node.anchor, !inAlias {
            let key = AnchorKey(name: anchor.rawValue, line: line, column: node.mark?.column ?? 0)
            if defined.contains(key) {
                // Seen before in document order: this occurrence is an alias to it.
                expanding = true
            } else {
                defined.insert(key)
            }
        }
        if expanding {
            aliasNodes += 1
            if aliasNodes > limits.maxAliasNodes {
                throw Violation(line: line, message: "alias expansion exceeds \(limits.maxAliasNodes) nodes")
            }
        }
        switch node {
        case .scalar, .alias:
            return
        case .sequence(let sequence):
            try enter(depth: depth, line: line)
            for child in sequence {
                try walk(child, depth: depth + 1, inAlias: expanding)
            }
        case .mapping(let mapping):
            try enter(depth: depth, line: line)
            for (key, value) in mapping {
                try walk(key, depth: depth + 1, inAlias: expanding)
                try walk(value, depth: depth + 1, inAlias: expanding)
            }
        }
    }

    private func enter(depth: Int, line: Int) throws(Violation) {
        if depth + 1 > limits.maxDepth {
            throw Violation(line: line, message: "nesting deeper than \(limits.maxDepth) levels")
        }
    }
}
