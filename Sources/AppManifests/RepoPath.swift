import Foundation

/// Paths inside a repository: lexical normalization at scan time, symlink-aware checks before any read or write.
public enum RepoPath {
    /// Joins and normalizes relative paths, resolving `.` and `..`; nil when the result would leave the root.
    /// A leading `/` on `path` means "from the repository root", as in Image Updater's write-back targets.
    static func normalize(_ path: String, relativeTo base: String = ".") -> String? {
        var components: [Substring] = []
        let combined: String
        if path.hasPrefix("/") {
            combined = path
        } else {
            combined = base + "/" + path
        }
        for component in combined.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(component)
            }
        }
        return components.isEmpty ? "." : components.joined(separator: "/")
    }

    /// `path` relative to the repository root, normalized; nil when it is absolute or `..` leaves the root.
    public static func relative(_ path: String) -> String? {
        path.hasPrefix("/") ? nil : normalize(path)
    }

    /// The file URL for `relativePath` under `root`, after checking that neither `..` nor a symlink anywhere on
    /// the way leads outside `root`. The file itself need not exist.
    public static func resolve(_ relativePath: String, in root: URL) throws(ManifestError) -> URL {
        let location = ManifestLocation(path: relativePath, line: 0)
        guard let normalized = relative(relativePath) else {
            throw ManifestError.invalidPath(location, "path leaves the repository")
        }
        let rootReal = realPath(root.path)
        var current = rootReal
        if normalized != "." {
            for component in normalized.split(separator: "/") {
                let candidate = current + "/" + component
                var isDirectory: ObjCBool = false
                let exists =
                    FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory)
                    || isSymlink(candidate)
                guard exists else {
                    current = candidate
                    continue
                }
                current = realPath(candidate)
                guard isInside(current, root: rootReal) else {
                    throw ManifestError.invalidPath(location, "path leads outside the repository through a symlink")
                }
            }
        }
        return URL(fileURLWithPath: current)
    }

    static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func realPath(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        // A dangling symlink resolves nowhere. Follow its chain by hand, as a write through it would, so
        // containment is checked against where the file would really land (`a -> b -> /outside/new`).
        var current = (path as NSString).standardizingPath
        for _ in 0..<maximumSymlinkHops {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                let parent = (current as NSString).deletingLastPathComponent
                guard let resolvedParent = realpath(parent, nil) else { return current }
                defer { free(resolvedParent) }
                return String(cString: resolvedParent) + "/" + (current as NSString).lastPathComponent
            }
            let absolute =
                destination.hasPrefix("/")
                ? destination : (current as NSString).deletingLastPathComponent + "/" + destination
            current = (absolute as NSString).standardizingPath
        }
        // A loop (or an absurd chain) leads nowhere usable: report the filesystem root, which no repository is.
        return "/"
    }

    /// Like the kernel's `SYMLOOP_MAX`.
    private static let maximumSymlinkHops = 40

    static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
