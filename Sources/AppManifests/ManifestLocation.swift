/// A place in a file: a path (relative to the repository root it was read from) and a 1-based line.
public struct ManifestLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path, relative to the repository root when the file lies inside one.
    public let path: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public let line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = max(0, line)
    }

    /// `path:line`, or just `path` when no line is known.
    public var description: String { line > 0 ? "\(path):\(line)" : path }

    func at(line: Int) -> ManifestLocation { ManifestLocation(path: path, line: line) }
}
