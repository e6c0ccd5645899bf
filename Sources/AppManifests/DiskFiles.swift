import Foundation

/// A repository's files as they are in a folder on disk (a working tree, or plain files).
public struct DiskFiles: RepositoryFiles {
    /// The repository root.
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public func contents(of path: String, limit: Int) async throws(ManifestError) -> Data? {
        let url = try RepoPath.resolve(path, in: root)
        let location = ManifestLocation(path: path, line: 0)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { throw ManifestError.unreadable(location, "is a folder, not a file") }
        return try YAMLFile.readBytes(url, location: location, limit: limit)
    }

    public func exists(_ path: String) async -> Bool {
        guard let url = try? RepoPath.resolve(path, in: root) else { return false }
        return FileManager.default.fileExists(atPath: url.path)
    }
}
