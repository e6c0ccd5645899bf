import Foundation
import Yams

/// Surgical edits to YAML text at the positions Yams reports, so every byte not edited stays as it was.
///
/// Each instance makes one kind of change to text parsed just before; callers re-parse between changes, which
/// keeps positions exact without tracking how earlier edits moved later ones.
struct YAMLTextEditor {
    private(set) var lines: [String]
    let location: ManifestLocation
    private let carriageReturn: Bool

    init(text: String, location: ManifestLocation) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.location = location
        carriageReturn = text.contains("\r\n")
    }

    var text: String { lines.joined(separator: "\n") }

    /// Replaces a single-line scalar's text, keeping its quoting style where the new value allows it.
    /// With `verbatim`, `value` is written as is (for booleans that must stay booleans).
    mutating func replaceScalar(_ node: Node, with value: String, verbatim: Bool = false) throws(ManifestError) {
        guard case .scalar(let scalar) = node, let mark = scalar.mark, mark.line >= 1, mark.line <= lines.count else {
            throw ManifestError.notEditable(location.at(line: node.line), "expected a scalar value here")
        }
        let here = location.at(line: mark.line)
        var line = Array(lines[mark.line - 1].unicodeScalars)
        var start = mark.column - 1
        guard start >= 0, start <= line.count else { throw ManifestError.notEditable(here, "value position is off") }
        // An anchor or tag in front of the value is part of the node's position but not of its text.
        while start < line.count, line[start] == "&" || line[start] == "!" {
            while start < line.count, line[start] != " " { start += 1 }
            while start < line.count, line[start] == " " { start += 1 }
        }
        let end: Int
        let replacement: String
        switch scalar.style {
        case .singleQuoted:
            guard start < line.count, line[start] == "'", let close = Self.closingSingleQuote(line, from: start + 1)
            else {
                throw ManifestError.notEditable(here, "cannot edit a multi-line quoted value")
            }
            end = close + 1
            let printable = !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            replacement =
                printable ? "'" + value.replacingOccurrences(of: "'", with: "''") + "'" : YAMLScalar.doubleQuoted(value)
        case .doubleQuoted:
            guard start < line.count, line[start] == "\"", let close = Self.closingDoubleQuote(line, from: start + 1)
            else {
                throw ManifestError.notEditable(here, "cannot edit a multi-line quoted value")
            }
            end = close + 1
            replacement = YAMLScalar.doubleQuoted(value)
        case .plain, .any:
            let old = Array(scalar.string.unicodeScalars)
            guard !scalar.string.contains("\n"), start + old.count <= line.count,
                Array(line[start..<(start + old.count)]) == old
            else {
                throw ManifestError.notEditable(here, "cannot edit a multi-line value")
            }
            end = start + old.count
            replacement = YAMLScalar.render(value)
        case .literal, .folded:
            throw ManifestError.notEditable(here, "cannot edit a block scalar (| or >)")
        }
        line.replaceSubrange(start..<end, with: Array((verbatim ? value : replacement).unicodeScalars))
        var rebuilt = String.UnicodeScalarView()
        rebuilt.append(contentsOf: line)
        lines[mark.line - 1] = String(rebuilt)
    }

    /// Adds entries at the end of a block mapping, at its indentation.
    mutating func append(_ newLines: [String], toMapping node: Node) throws(ManifestError) {
        try requireBlock(node)
        insert(newLines, indent: (node.mark?.column ?? 1) - 1, after: lastLine(of: node))
    }

    /// Adds items (lines starting `- `) at the end of a block sequence, at its dash indentation.
    mutating func append(_ newLines: [String], toSequence node: Node) throws(ManifestError) {
        try requireBlock(node)
        insert(newLines, indent: (node.mark?.column ?? 1) - 1, after: lastLine(of: node))
    }

    /// Adds children under a key whose value is empty (`helm:` with nothing after it).
    mutating func append(_ newLines: [String], underKey key: Node, value: Node) throws(ManifestError) {
        guard case .scalar(let scalar) = value, scalar.string.isEmpty, scalar.style == .plain || scalar.style == .any,
            key.line >= 1
        else {
            throw ManifestError.notEditable(location.at(line: key.line), "cannot add entries under this key")
        }
        insert(newLines, indent: (key.mark?.column ?? 1) - 1 + 2, after: key.line)
    }

    /// Removes a one-line `key: value` entry.
    mutating func removeEntry(key: Node, value: Node) throws(ManifestError) {
        guard key.line >= 1, key.line == value.line, key.line <= lines.count else {
            throw ManifestError.notEditable(location.at(line: key.line), "cannot remove a multi-line entry")
        }
        let trimmed = lines[key.line - 1].drop { $0 == " " }
        guard !trimmed.hasPrefix("-") else {
            throw ManifestError.notEditable(location.at(line: key.line), "cannot remove the first entry of an item")
        }
        lines.remove(at: key.line - 1)
    }

    /// The last line (1-based) holding any part of `node`.
    func lastLine(of node: Node) -> Int {
        var last = node.line
        func visit(_ node: Node) {
            last = max(last, node.line)
            for child in node.sequenceItems { visit(child) }
            for (key, value) in node.mappingPairs {
                visit(key)
                visit(value)
            }
        }
        visit(node)
        // Multi-line plain or block scalars continue on lines indented deeper than the node's entries.
        let indent = (node.mark?.column ?? 1) - 1
        while last < lines.count {
            let next = lines[last]
            let content = next.drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") || content == "\r" { break }
            if next.count - content.count <= indent { break }
            last += 1
        }
        return last
    }

    private mutating func insert(_ newLines: [String], indent: Int, after line: Int) {
        let prefix = String(repeating: " ", count: max(0, indent))
        let ending = carriageReturn ? "\r" : ""
        var position = min(max(line, 0), lines.count)
        // Appending to a text without a final newline: give the last line one first.
        if position == lines.count, let last = lines.last, !last.isEmpty {
            lines.append("")
        } else if position == lines.count {
            position = lines.count - 1
        }
        lines.insert(contentsOf: newLines.map { prefix + $0 + ending }, at: position)
    }

    private func requireBlock(_ node: Node) throws(ManifestError) {
        let here = location.at(line: node.line)
        switch node {
        case .mapping(let mapping) where mapping.style != .flow && !mapping.isEmpty: return
        case .sequence(let sequence) where sequence.style != .flow && !sequence.isEmpty: return
        default:
            throw ManifestError.notEditable(
                here, "cannot add entries to an empty or flow-style ([...], {...}) collection")
        }
    }

    private static func closingSingleQuote(_ line: [Unicode.Scalar], from index: Int) -> Int? {
        var i = index
        while i < line.count {
            if line[i] == "'" {
                if i + 1 < line.count, line[i + 1] == "'" {
                    i += 2
                    continue
                }
                return i
            }
            i += 1
        }
        return nil
    }

    private static func closingDoubleQuote(_ line: [Unicode.Scalar], from index: Int) -> Int? {
        var i = index
        while i < line.count {
            if line[i] == "\\" {
                i += 2
                continue
            }
            if line[i] == "\"" { return i }
            i += 1
        }
        return nil
    }
}
