import AppManifests
import Foundation

/// Renders an Application's write-back target with the planned changes: the override file, a Helm
/// values file or a kustomization. Returns nil when the text would not change.
struct FileRenderer {
    let app: ApplicationSpec
    let resolver: CurrentImageResolver

    func render(_ changes: [ImageChange], files: some RepositoryFiles) async throws -> FileChange? {
        let planned = changes.map {
            PlannedImageChange(
                alias: $0.alias, imageName: $0.image, newTag: $0.to, newDigest: $0.writesDigest ? $0.digest : nil)
        }
        let target = app.writeBack.target
        let path: String
        let rendered: String
        let existing: String?
        switch target.kind {
        case .overrideFile:
            path = target.path
            existing = try await read(path, in: files)
            rendered = try OverrideFileWriter.render(
                app: app, changes: planned, existing: existing,
                kind: await resolver.sourceKind(app: app, files: files),
                path: path)
        case .helmValues:
            path = target.path
            existing = try await read(path, in: files)
            rendered = try HelmValuesEditor.render(app: app, changes: planned, existing: existing, path: path)
        case .kustomization:
            guard let (found, text) = try await kustomization(in: target.path, files: files) else {
                throw ImagePlanError(
                    "\(target.path): no kustomization.yaml, kustomization.yml or Kustomization to edit")
            }
            path = found
            existing = text
            rendered = try KustomizationEditor.render(app: app, changes: planned, existing: text, path: path)
        }
        guard rendered != existing else { return nil }
        return FileChange(path: path, content: rendered)
    }

    private func read(_ path: String, in files: some RepositoryFiles) async throws -> String? {
        guard let data = try await files.contents(of: path, limit: resolver.limits.maxFileSize) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImagePlanError("\(path): not UTF-8 text; left untouched")
        }
        return text
    }

    private func kustomization(in directory: String, files: some RepositoryFiles) async throws -> (String, String)? {
        for name in KustomizationEditor.fileNames {
            let path = directory == "." ? name : directory + "/" + name
            if let text = try await read(path, in: files) { return (path, text) }
        }
        return nil
    }
}
