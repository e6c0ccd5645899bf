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
        var result = ScanResult()
        var patterns: [GlobPattern] = []
        for text in paths {
            if let pattern = GlobPattern(text) {
                patterns.append(pattern)
            } else {
                result.errors.append(.unreadable(ManifestLocation(path: text, line: 0), "invalid path pattern"))
            }
        }
        let rootPath = RepoPath.realPath(root.path)
        var files: [String] = []
        walk(directory: rootPath, relative: "", rootPath: rootPath, depth: 0, into: &files)

        var rawApplications: [RawApplication] = []
        var resources: [ImageUpdaterResource] = []
        for relative in files where patterns.contains(where: { $0.matches(path: relative) }) {
            let location = ManifestLocation(path: relative, line: 0)
            let file: YAMLFile
            do {
                file = try YAMLFile.read(
                    URL(fileURLWithPath: rootPath + "/" + relative), location: location, limits: limits)
            } catch {
                logger.debug("manifest unreadable", metadata: ["manifest.path": "\(relative)"])
                result.errors.append(error)
                continue
            }
            for document in file.documents {
                let here = location.at(line: document.line)
                if Self.isApplication(document) {
                    rawApplications.append(RawApplication(document: document, location: here))
                } else if ImageUpdaterResource.isImageUpdater(document) {
                    switch ImageUpdaterResource.parse(document, location: here, argocdNamespace: argocdNamespace) {
                    case .success(let resource): resources.append(resource)
                    case .failure(let failure): result.errors += failure.errors
                    }
                }
            }
        }
        for raw in rawApplications {
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
