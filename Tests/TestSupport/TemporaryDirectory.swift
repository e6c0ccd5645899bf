import Foundation

/// Fresh, uniquely named directories under the system temporary directory.
public enum TemporaryDirectory {
    /// Creates a new empty directory; the caller removes it (see ``remove(_:)`` or ``with(_:)``).
    public static func make(prefix: String = "argocd-image-pr-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath()
    }

    /// Removes a directory made by ``make(prefix:)``; a directory already gone is not an error.
    public static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// Runs `body` with a fresh directory and removes it afterwards, whether `body` throws or not.
    @discardableResult
    public static func with<T>(_ body: (URL) async throws -> T) async throws -> T {
        let url = try make()
        defer { remove(url) }
        return try await body(url)
    }
}
