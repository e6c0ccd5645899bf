/// Walks a comment line by line, knowing when a line is inside a code block, a block quote or an HTML comment,
/// where a `/command` is text rather than a command.
struct MarkdownBlocks {
    /// The open fence's character and length.
    private var fence: (character: Character, length: Int)?
    private var inHTMLComment = false

    /// The line without its indentation when it could hold a command (it starts with `/`), nil otherwise.
    mutating func commandText(_ line: Substring) -> Substring? {
        var indent = 0
        var start = line.startIndex
        while start < line.endIndex, line[start] == " " || line[start] == "\t" {
            indent += line[start] == "\t" ? 4 : 1
            start = line.index(after: start)
        }
        let text = line[start...]
        if let open = fence {
            if indent < 4, Self.fenceLength(text, of: open.character) >= open.length,
                text.drop(while: { $0 == open.character }).allSatisfy(\.isWhitespace)
            {
                fence = nil
            }
            return nil
        }
        if inHTMLComment {
            if line.contains("-->") { inHTMLComment = false }
            return nil
        }
        // Four spaces: an indented code block.
        guard indent < 4 else { return nil }
        if text.hasPrefix(">") { return nil }
        for character: Character in ["`", "~"] {
            let length = Self.fenceLength(text, of: character)
            if length >= 3 {
                fence = (character, length)
                return nil
            }
        }
        if text.hasPrefix("<!--") {
            inHTMLComment = !text.dropFirst(4).contains("-->")
            return nil
        }
        return text.hasPrefix("/") ? text : nil
    }

    private static func fenceLength(_ text: Substring, of character: Character) -> Int {
        text.prefix { $0 == character }.count
    }
}
