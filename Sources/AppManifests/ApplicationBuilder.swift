/// Validates a raw Application and combines it with its image settings (annotations or an `ImageUpdater`).
struct ApplicationBuilder {
    let raw: RawApplication
    let argocdNamespace: String

    /// nil when the Application does not ask for image updates.
    func build(resources: [ImageUpdaterResource]) -> Result<ApplicationSpec, ManifestErrors>? {
        let name = raw.name ?? ""
        let namespace = raw.namespace ?? argocdNamespace
        let match = resources.lazy.compactMap { resource in
            resource.reference(for: name, namespace: namespace, labels: raw.labels).map { (resource, $0) }
        }.first
        let annotations = AnnotationParser(
            annotations: raw.annotations,
            lines: raw.annotationLines,
            location: raw.location
        )
        var errors: [ManifestError] = []
        var images: [ImageConfig]
        var writeBack: RawWriteBack
        var origin = ApplicationSpec.ConfigOrigin.annotations
        if let (resource, reference) = match, !reference.useAnnotations {
            origin = .imageUpdater(name: resource.name, location: resource.location)
            let common = (resource.settings ?? UpdateSettings()).overridden(by: reference.settings)
            images = reference.images.map { entry in
                var image = entry.image
                common.overridden(by: entry.settings).apply(to: &image)
                return image
            }
            writeBack = (resource.writeBack ?? RawWriteBack()).overridden(by: reference.writeBack)
        } else if annotations.hasImageList || match != nil {
            if let (resource, _) = match { origin = .imageUpdater(name: resource.name, location: resource.location) }
            let parsed = annotations.parse()
            (images, writeBack, errors) = (parsed.images, parsed.writeBack, parsed.errors)
        } else {
            return nil
        }

        if !NameRules.isSubdomain(name) {
            errors.append(.invalidName(raw.location, "Application name '\(name)' is not a valid Kubernetes name"))
        }
        if let namespace = raw.namespace, !NameRules.isLabel(namespace) {
            errors.append(.invalidName(raw.location, "namespace '\(namespace)' is not a valid Kubernetes namespace"))
        }
        var sources = raw.sources
        if sources.isEmpty {
            errors.append(.unsupported(raw.location, "Application has no spec.source or spec.sources"))
        }
        for index in sources.indices {
            guard let path = sources[index].path else { continue }
            let here = raw.location.at(line: raw.sourceLines[index])
            if path.hasPrefix("/") {
                errors.append(.invalidPath(here, "source path '\(path)' must be relative to the repository"))
            } else if let normalized = RepoPath.normalize(path) {
                sources[index].path = normalized
            } else {
                errors.append(.invalidPath(here, "source path '\(path)' leaves the repository"))
            }
        }
        guard errors.isEmpty else {
            return .failure(ManifestErrors(errors.map { $0.forApplication(name, at: raw.location) }))
        }

        let primary = primaryIndex(sources, writeBack: writeBack)
        let resolver = WriteBackResolver(
            raw: writeBack,
            sourcePath: sources[primary].path,
            appName: name,
            namespace: raw.namespace,
            argocdNamespace: argocdNamespace,
            location: raw.location
        )
        switch resolver.resolve() {
        case .failure(let failure):
            return .failure(ManifestErrors(failure.errors.map { $0.forApplication(name, at: raw.location) }))
        case .success(let config):
            return .success(
                ApplicationSpec(
                    name: name,
                    namespace: raw.namespace,
                    labels: raw.labels,
                    location: raw.location,
                    sources: sources,
                    isMultiSource: raw.isMultiSource,
                    primarySourceIndex: primary,
                    images: images,
                    writeBack: config,
                    origin: origin
                )
            )
        }
    }

    /// Image Updater's choice among `spec.sources`: the source of the kind the write-back target implies, else
    /// the first Helm/Kustomize/plugin source, else the first. A chart from a Helm repository has nothing to write
    /// to, so a git source (the `git-repository` one first) is preferred over it.
    private func primaryIndex(_ sources: [ApplicationSource], writeBack: RawWriteBack) -> Int {
        guard sources.count > 1 else { return 0 }
        let target = writeBack.target?.value ?? ""
        var index: Int?
        if target.hasPrefix("helmvalues") {
            index = sources.firstIndex { $0.helm != nil }
        } else if target.hasPrefix("kustomization") {
            index = sources.firstIndex { $0.kustomize != nil }
        }
        index = index ?? sources.firstIndex { $0.helm != nil || $0.kustomize != nil || $0.hasPlugin }
        let chosen = index ?? 0
        if sources[chosen].path == nil {
            let repository = writeBack.repository?.value
            if let better = sources.firstIndex(where: { $0.path != nil && $0.repoURL == repository })
                ?? sources.firstIndex(where: { $0.path != nil })
            {
                return better
            }
        }
        return chosen
    }
}
