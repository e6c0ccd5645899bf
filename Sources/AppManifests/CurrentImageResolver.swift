import Foundation
import Yams

/// Works out what each image of an Application runs now, reading the target repository's files:
/// the override file, then the Application's inline parameters, then Helm values files, then the
/// kustomization, else the `image-list` tag.
public struct CurrentImageResolver: Sendable {
    public var argocdNamespace: String
    public var limits: YAMLLimits

    public init(argocdNamespace: String = "argocd", limits: YAMLLimits = .default) {
        self.argocdNamespace = argocdNamespace
        self.limits = limits
    }

    /// Current images by alias. Throws when the existing override file (or a file it must read) is unreadable,
    /// does not parse, or lies outside the repository.
    public func resolve(
        app: ApplicationSpec, files: some RepositoryFiles
    ) async throws(ManifestError) -> [String: CurrentImage] {
        let source = app.primarySource
        let sourcePath = source.path ?? "."
        let overridePath = overrideFilePath(app)
        let overrideRoot = try await document(overridePath, in: files)
        let kind = await sourceKind(app: app, files: files)
        var valueFiles: [String] = []
        if app.writeBack.target.kind == .helmValues { valueFiles.append(app.writeBack.target.path) }
        for file in (source.helm?.valueFiles ?? []).reversed() where !file.hasPrefix("$") && !file.contains("://") {
            if let path = RepoPath.normalize(file, relativeTo: sourcePath) { valueFiles.append(path) }
        }
        if let defaults = RepoPath.normalize("values.yaml", relativeTo: sourcePath) { valueFiles.append(defaults) }
        let kustomizationDirectory =
            app.writeBack.target.kind == .kustomization ? app.writeBack.target.path : sourcePath

        var result: [String: CurrentImage] = [:]
        for image in app.images {
            var found: CurrentImage? = nil
            if let overrideRoot {
                found = fromOverride(overrideRoot, image: image, path: overridePath)
            }
            found = found ?? fromSpec(source, image: image)
            if found == nil, kind != .kustomize {
                for file in valueFiles where found == nil {
                    if let root = try? await document(file, in: files) {
                        found = fromValues(root, image: image, path: file)
                    }
                }
            }
            if found == nil, kind != .helm {
                for name in KustomizationEditor.fileNames where found == nil {
                    let file = RepoPath.normalize(name, relativeTo: kustomizationDirectory) ?? name
                    if let root = try? await document(file, in: files) {
                        found = fromKustomization(root, image: image, path: file)
                    }
                }
            }
            result[image.alias] =
                found
                ?? CurrentImage(
                    alias: image.alias,
                    imageName: image.imageName,
                    tag: image.constraint,
                    digest: image.digest,
                    source: .imageList
                )
        }
        return result
    }

    /// How the primary source renders: explicit `helm:`/`kustomize:` blocks, else `Chart.yaml` or a
    /// kustomization in its path (as Argo CD detects it), else a directory.
    public func sourceKind(app: ApplicationSpec, files: some RepositoryFiles) async -> SourceKind {
        let source = app.primarySource
        if source.helm != nil || source.chart != nil { return .helm }
        if source.kustomize != nil { return .kustomize }
        let directory = source.path ?? "."
        func exists(_ name: String) async -> Bool {
            guard let path = RepoPath.normalize(name, relativeTo: directory) else { return false }
            return await files.exists(path)
        }
        if await exists("Chart.yaml") { return .helm }
        for name in KustomizationEditor.fileNames where await exists(name) { return .kustomize }
        return .directory
    }

    /// The override file path Image Updater reads and writes, relative to the target repository root.
    public func overrideFilePath(_ app: ApplicationSpec) -> String {
        if app.writeBack.target.kind == .overrideFile { return app.writeBack.target.path }
        let name = ApplicationSpec.overrideFileName(
            name: app.name, namespace: app.namespace, argocdNamespace: argocdNamespace)
        return RepoPath.normalize(name, relativeTo: app.primarySource.path ?? ".") ?? name
    }

    private func document(_ path: String, in files: some RepositoryFiles) async throws(ManifestError) -> Node? {
        guard let data = try await files.contents(of: path, limit: limits.maxFileSize) else { return nil }
        let file = try YAMLFile.decode(data, location: ManifestLocation(path: path, line: 0), limits: limits)
        guard let first = file.documents.first, first.isMapping else { return nil }
        return first
    }

    private func fromOverride(_ root: Node, image: ImageConfig, path: String) -> CurrentImage? {
        if let parameters = root.child("helm")?.child("parameters") {
            let pairs = parameters.sequenceItems.compactMap { item -> HelmParameter? in
                guard let name = item.child("name")?.scalarText else { return nil }
                return HelmParameter(name: name, value: item.child("value")?.scalarText ?? "")
            }
            if let found = fromParameters(pairs, image: image, source: .overrideFile(path)) { return found }
        }
        let images = root.child("kustomize")?.child("images")?.sequenceItems.compactMap(\.scalarText) ?? []
        return fromKustomizeImages(images, image: image, source: .overrideFile(path))
    }

    private func fromSpec(_ source: ApplicationSource, image: ImageConfig) -> CurrentImage? {
        if let parameters = source.helm?.parameters,
            let found = fromParameters(parameters, image: image, source: .applicationSpec)
        {
            return found
        }
        return fromKustomizeImages(source.kustomize?.images ?? [], image: image, source: .applicationSpec)
    }

    private func fromParameters(
        _ parameters: [HelmParameter], image: ImageConfig, source: CurrentImage.Source
    )
        -> CurrentImage?
    {
        let names = image.helm.parameterNames
        func value(_ name: String) -> String? { parameters.last { $0.name == name }?.value }
        if names.tag == nil {
            guard let spec = value(names.name) else { return nil }
            return current(image, ImageReferenceParts(spec), source)
        }
        guard let tag = value(names.tag!) else { return nil }
        let tagParts = ImageReferenceParts(name: "", tag: nil, digest: nil).withTag(tag)
        return CurrentImage(
            alias: image.alias,
            imageName: value(names.name) ?? image.imageName,
            tag: tagParts.tag,
            digest: tagParts.digest,
            source: source
        )
    }

    private func fromValues(_ root: Node, image: ImageConfig, path: String) -> CurrentImage? {
        let names = image.helm.parameterNames
        if names.tag == nil {
            guard let spec = HelmValuePath(names.name).scalar(in: root)?.scalarText else { return nil }
            return current(image, ImageReferenceParts(spec), .helmValues(path))
        }
        guard let tag = HelmValuePath(names.tag!).scalar(in: root)?.scalarText else { return nil }
        let tagParts = ImageReferenceParts(name: "").withTag(tag)
        return CurrentImage(
            alias: image.alias,
            imageName: HelmValuePath(names.name).scalar(in: root)?.scalarText ?? image.imageName,
            tag: tagParts.tag,
            digest: tagParts.digest,
            source: .helmValues(path)
        )
    }

    private func fromKustomization(_ root: Node, image: ImageConfig, path: String) -> CurrentImage? {
        let name = image.kustomizeImageName ?? image.imageName
        for item in root.child("images")?.sequenceItems ?? [] {
            guard let itemName = item.child("name")?.scalarText,
                itemName == name || ImageReferenceParts.sameRepository(itemName, name)
            else { continue }
            let tag = item.child("newTag")?.scalarText
            let digest = item.child("digest")?.scalarText
            guard tag != nil || digest != nil else { continue }
            return CurrentImage(
                alias: image.alias,
                imageName: item.child("newName")?.scalarText ?? image.imageName,
                tag: tag,
                digest: digest,
                source: .kustomization(path)
            )
        }
        return nil
    }

    private func fromKustomizeImages(
        _ entries: [String], image: ImageConfig, source: CurrentImage.Source
    )
        -> CurrentImage?
    {
        for text in entries {
            let entry = KustomizeImageEntry(text)
            guard entry.matches(alias: image.kustomizeImageName, imageName: image.imageName) else { continue }
            guard entry.reference.tag != nil || entry.reference.digest != nil else { continue }
            return current(image, entry.reference, source)
        }
        return nil
    }

    private func current(
        _ image: ImageConfig, _ parts: ImageReferenceParts, _ source: CurrentImage.Source
    )
        -> CurrentImage
    {
        CurrentImage(alias: image.alias, imageName: parts.name, tag: parts.tag, digest: parts.digest, source: source)
    }
}

extension ImageReferenceParts {
    /// Splits a Helm tag value written as `tag@digest`.
    fileprivate func withTag(_ value: String) -> ImageReferenceParts {
        guard let at = value.firstIndex(of: "@") else { return ImageReferenceParts(name: name, tag: value) }
        let tag = String(value[..<at])
        return ImageReferenceParts(
            name: name, tag: tag.isEmpty ? nil : tag, digest: String(value[value.index(after: at)...]))
    }
}
