/// Paths inside a repository as the bot reads and writes them: relative, normalised, never into `.git`.
enum RepositoryPath {
    static func validate(_ path: String, operation: String) throws {
        let refuse = { (why: String) in
            GitError(.invalidArgument, operation: operation, message: "invalid path '\(path)': \(why)")
        }
        guard !path.isEmpty else { throw refuse("empty") }
        guard !path.hasPrefix("/") else { throw refuse("absolute") }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw refuse("contains control characters")
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "": throw refuse("empty component")
            case ".", "..": throw refuse("'\(component)' component")
            default:
                if component.lowercased() == ".git" { throw refuse("inside .git") }
            }
        }
    }
}
