import Foundation
import Logging
import Yams

/// Finds Argo CD Applications and Image Updater `ImageUpdater` resources in a repository's YAML files.
///
/// Helm chart templates are skipped, other kinds are ignored silently, and a file that cannot be read or parsed
/// is one error while every other file is still read. Nothing outside `root` is read, symlinks included.
public struct ManifestScanner: Sendable {
    public static let defaultPaths = ["**/*.yaml", "**/*.yml"]

    public var limits: YAMLLimits
    /// Argo CD's own namespace; Applications elsewhere get namespaced override file names.
    public var argocdNamespace: String
    public var logger: Logger

    public init(
        limits: YAMLLimits = .default,
        argocdNamespace: String = "argocd",
        logger: Logger = Logger(label: "argocd-image-pr.manifests")
    ) {
        self.limits = limits
        self.argocdNamespace = argocdNamespace
        self.logger = logger
    }

    /// Scans `root` for files matching any of `paths` (globs relative to `root`, `**` for any directories).
    public func scan(root: URL, paths: [String] = ManifestScanner.defaultPaths) -> ScanResult {
        let listing = list(root: root, paths: paths)
        return assemble(listing, listing.files.map { read($0, rootPath: listing.rootPath) })
    }

    /// Like ``scan(root:paths:)``, parsing files on every core at once: for a fleet of thousands of
    /// Applications the parse is most of the scan, and nothing else can start before it ends.
    public func scanConcurrently(root: URL, paths: [String] = ManifestScanner.defaultPaths) async -> ScanResult {
        let listing = list(root: root, paths: paths)
        let files = listing.files
        let chunk = max(16, files.count / (4 * ProcessInfo.processInfo.activeProcessorCount) + 1)
        let parsed = await withTaskGroup(of: (Int, [FileContents]).self) { group in
            for start in stride(from: 0, to: files.count, by: chunk) {
                let slice = files[start..<min(start + chunk, files.count)]
                group.addTask { (start, slice.map { self.read($0, rootPath: listing.rootPath) }) }
            }
            var chunks: [(Int, [FileContents])] = []
            for await result in group { chunks.append(result) }
            return chunks.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
        return assemble(listing, parsed)
    }

    /// The files to read, and what went wrong before reading any.
    private struct Listing: Sendable {
        var rootPath: String
        var files: [String]
        var errors: [ManifestError]
    }

    /// What one file holds.
    private struct FileContents: Sendable {
        var applications: [RawApplication] = []
        var resources: [ImageUpdaterResource] = []
        var errors: [ManifestError] = []
    }

    private func list(root: URL, paths: [String]) -> Listing {
        var patterns: [GlobPattern] = []
        var errors: [ManifestError] = []
        for text in paths {
            if let pattern = GlobPattern(text) {
                patterns.append(pattern)
            } else {
                errors.append(.unreadable(ManifestLocation(path: text, line: 0), "invalid path pattern"))
            }
        }
        let rootPath = RepoPath.realPath(root.path)
        var files: [String] = []
        walk(directory: rootPath, relative: "", rootPath: rootPath, depth: 0, into: &files)
        let wanted = files.filter { relative in patterns.contains { $0.matches(path: relative) } }
        return Listing(rootPath: rootPath, files: wanted, errors: errors)
    }

    private func read(_ relative: String, rootPath: String) -> FileContents {
        var contents = FileContents()
        let location = ManifestLocation(path: relative, line: 0)
        let file: YAMLFile
        do {
            file = try YAMLFile.read(
                URL(fileURLWithPath: rootPath + "/" + relative), location: location, limits: limits)
        } catch {
            logger.debug("manifest unreadable", metadata: ["manifest.path": "\(relative)"])
            contents.errors.append(error)
            return contents
        }
        for document in file.documents {
            let here = location.at(line: document.line)
            if Self.isApplication(document) {
                contents.applications.append(RawApplication(document: document, location: here))
            } else if ImageUpdaterResource.isImageUpdater(document) {
                switch ImageUpdaterResource.parse(document, location: here, argocdNamespace: argocdNamespace) {
                case .success(let resource): contents.resources.append(resource)
                case .failure(let failure): contents.errors += failure.errors
                }
            }
        }
        return contents
    }

    private func assemble(_ listing: Listing, _ files: [FileContents]) -> ScanResult {
        var result = ScanResult()
        result.errors = listing.errors + files.flatMap(\.errors)
        let resources = files.flatMap(\.resources)
        for raw in files.flatMap(\.applications) {
            switch ApplicationBuilder(raw: raw, argocdNamespace: argocdNamespace).build(resources: resources) {
            case .none: continue
            case .success(let application)?: result.applications.append(application)
            case .failure(let failure)?: result.errors += failure.errors
            }
        }
        logger.debug(
            "manifests scanned",
            metadata: [
                "manifest.files": "\(files.count)", "manifest.applications": "\(result.applications.count)",
                "manifest.errors": "\(result.errors.count)",
            ]
        )
        return result
    }

    static func isApplication(_ document: Node) -> Bool {
        document.child("kind")?.scalarText == "Application"
            && document.child("apiVersion")?.scalarText == "argoproj.io/v1alpha1"
    }

    private func walk(directory: String, relative: String, rootPath: String, depth: Int, into files: inout [String]) {
        guard depth < 64, let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        // Chart templates are Go templates, not YAML manifests.
        let isChart = entries.contains("Chart.yaml")
        for entry in entries.sorted() {
            if entry == ".git" || (isChart && entry == "templates") { continue }
            let path = directory + "/" + entry
            let relativePath = relative.isEmpty ? entry : relative + "/" + entry
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            var mode = info.st_mode & S_IFMT
            if mode == S_IFLNK {
                let target = RepoPath.realPath(path)
                guard RepoPath.isInside(target, root: rootPath) else {
                    logger.debug(
                        "symlink out of the repository skipped", metadata: ["manifest.path": "\(relativePath)"])
                    continue
                }
                guard stat(target, &info) == 0 else { continue }
                mode = info.st_mode & S_IFMT
                // A directory link inside the repository leads to files the walk reaches anyway.
                if mode == S_IFDIR { continue }
            }
            if mode == S_IFDIR {
                walk(directory: path, relative: relativePath, rootPath: rootPath, depth: depth + 1, into: &files)
            } else if mode == S_IFREG {
                files.append(relativePath)
            }
        }
    }
}
