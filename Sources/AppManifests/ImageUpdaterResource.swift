import Yams

/// An Image Updater `ImageUpdater` custom resource (argocd-image-updater.argoproj.io), read into the same
/// settings model the annotations use.
struct ImageUpdaterResource {
    struct Reference {
        var namePattern: GlobPattern
        var rawPattern: String
        var selector: LabelSelector?
        var useAnnotations: Bool
        var settings: UpdateSettings?
        var writeBack: RawWriteBack?
        var images: [(image: ImageConfig, settings: UpdateSettings?)]

        /// Image Updater's precedence: exact names, then literal length, then label selectors.
        var specificity: Int {
            var score = 0
            if !rawPattern.contains(where: { "*?[]".contains($0) }) { score += 1_000_000 }
            var depth = 0
            for character in rawPattern {
                if character == "[" {
                    depth += 1
                } else if character == "]" {
                    depth = max(0, depth - 1)
                } else if depth == 0,
                    character != "*", character != "?"
                {
                    score += character.utf8.count
                }
            }
            if let selector {
                score += 10_000 + 100 * (selector.matchLabels.count + selector.expressions.count)
            }
            return score
        }
    }

    var name: String
    var namespace: String
    var location: ManifestLocation
    var settings: UpdateSettings?
    var writeBack: RawWriteBack?
    var references: [Reference]

    static func isImageUpdater(_ document: Node) -> Bool {
        document.child("kind")?.scalarText == "ImageUpdater"
            && document.child("apiVersion")?.scalarText?.hasPrefix("argocd-image-updater.argoproj.io/") == true
    }

    /// The reference that selects an Application in this resource's namespace, most specific first.
    func reference(for name: String, namespace: String, labels: [String: String]) -> Reference? {
        guard namespace == self.namespace else { return nil }
        let ordered = references.enumerated().sorted {
            ($0.element.specificity, -$0.offset) > ($1.element.specificity, -$1.offset)
        }
        return ordered.first {
            $0.element.namePattern.matches(name: name) && ($0.element.selector?.matches(labels) ?? true)
        }?.element
    }

    static func parse(
        _ document: Node,
        location: ManifestLocation,
        argocdNamespace: String
    ) -> Result<ImageUpdaterResource, ManifestErrors> {
        var errors: [ManifestError] = []
        let metadata = document.child("metadata")
        let name = metadata?.child("name")?.stringValue ?? ""
        let namespace = metadata?.child("namespace")?.stringValue ?? argocdNamespace
        let spec = document.child("spec")
        var references: [Reference] = []
        let refNodes = spec?.child("applicationRefs")?.sequenceItems ?? []
        if refNodes.isEmpty {
            errors.append(.invalidSetting(location, "spec.applicationRefs", "no application references"))
        }
        for node in refNodes {
            let here = location.at(line: node.line)
            let raw = node.child("namePattern")?.stringValue ?? ""
            guard !raw.isEmpty, let pattern = GlobPattern(raw) else {
                errors.append(.invalidSetting(here, "applicationRefs.namePattern", "invalid pattern '\(raw)'"))
                continue
            }
            var images: [(ImageConfig, UpdateSettings?)] = []
            var aliases: Set<String> = []
            for imageNode in node.child("images")?.sequenceItems ?? [] {
                let imageHere = location.at(line: imageNode.line)
                let alias = imageNode.child("alias")?.stringValue ?? ""
                let imageName = imageNode.child("imageName")?.stringValue ?? ""
                guard AnnotationParser.isValidAlias(alias), aliases.insert(alias).inserted else {
                    errors.append(
                        .invalidSetting(imageHere, "images.alias", "missing, invalid or repeated alias '\(alias)'"))
                    continue
                }
                guard !imageName.isEmpty, !imageName.contains(where: \.isWhitespace) else {
                    errors.append(.invalidSetting(imageHere, "images.imageName", "invalid image '\(imageName)'"))
                    continue
                }
                let parts = ImageReferenceParts(imageName)
                var image = ImageConfig(
                    alias: alias,
                    image: imageName,
                    imageName: parts.name,
                    constraint: parts.tag,
                    digest: parts.digest
                )
                let targets = imageNode.child("manifestTargets")
                if let helm = targets?.child("helm") {
                    image.helm = ImageConfig.HelmTarget(
                        imageName: helm.child("name")?.stringValue,
                        imageTag: helm.child("tag")?.stringValue,
                        imageSpec: helm.child("spec")?.stringValue
                    )
                }
                image.kustomizeImageName = targets?.child("kustomize")?.child("name")?.stringValue
                if targets?.child("helm") != nil, targets?.child("kustomize") != nil {
                    errors.append(
                        .invalidSetting(imageHere, "manifestTargets", "only one of helm or kustomize may be set"))
                    continue
                }
                images.append((image, settings(imageNode.child("commonUpdateSettings"), imageHere, &errors)))
            }
            let useAnnotations = node.child("useAnnotations")?.scalarText.flatMap(UpdateSettings.parseBool) ?? false
            if !useAnnotations, images.isEmpty {
                errors.append(.invalidSetting(here, "applicationRefs", "either useAnnotations or images is required"))
            }
            references.append(
                Reference(
                    namePattern: pattern,
                    rawPattern: raw,
                    selector: selector(node.child("labelSelectors")),
                    useAnnotations: useAnnotations,
                    settings: settings(node.child("commonUpdateSettings"), here, &errors),
                    writeBack: writeBack(node.child("writeBackConfig"), location),
                    images: images
                )
            )
        }
        let globalSettings = settings(spec?.child("commonUpdateSettings"), location, &errors)
        guard errors.isEmpty else { return .failure(ManifestErrors(errors)) }
        return .success(
            ImageUpdaterResource(
                name: name,
                namespace: namespace,
                location: location,
                settings: globalSettings,
                writeBack: writeBack(spec?.child("writeBackConfig"), location),
                references: references
            )
        )
    }

    private static func settings(
        _ node: Node?, _ location: ManifestLocation, _ errors: inout [ManifestError]
    ) -> UpdateSettings? {
        guard let node, node.isMapping else { return nil }
        var result = UpdateSettings()
        result.updateStrategy = node.child("updateStrategy")?.stringValue
        result.allowTags = node.child("allowTags")?.stringValue
        result.pullSecret = node.child("pullSecret")?.stringValue
        if let tags = node.child("ignoreTags") { result.ignoreTags = tags.sequenceItems.compactMap(\.stringValue) }
        if let platforms = node.child("platforms") {
            result.platforms = platforms.sequenceItems.compactMap(\.stringValue)
        }
        if let force = node.child("forceUpdate")?.scalarText {
            if let flag = UpdateSettings.parseBool(force) {
                result.forceUpdate = flag
            } else {
                errors.append(
                    .invalidSetting(location.at(line: node.line), "forceUpdate", "'\(force)' is not a boolean"))
            }
        }
        return result
    }

    private static func writeBack(_ node: Node?, _ location: ManifestLocation) -> RawWriteBack? {
        guard let node, node.isMapping else { return nil }
        func field(_ value: Node?, _ label: String) -> RawWriteBack.Field? {
            guard let value, let text = value.stringValue, !text.isEmpty else { return nil }
            return RawWriteBack.Field(value: text, label: label, location: location.at(line: value.line))
        }
        let git = node.child("gitConfig")
        return RawWriteBack(
            method: field(node.child("method"), "writeBackConfig.method"),
            target: field(git?.child("writeBackTarget"), "gitConfig.writeBackTarget"),
            branch: field(git?.child("branch"), "gitConfig.branch"),
            repository: field(git?.child("repository"), "gitConfig.repository")
        )
    }

    private static func selector(_ node: Node?) -> LabelSelector? {
        guard let node, node.isMapping else { return nil }
        return LabelSelector(
            matchLabels: node.child("matchLabels")?.stringMap ?? [:],
            expressions: node.child("matchExpressions")?.sequenceItems.map {
                LabelSelector.Requirement(
                    key: $0.child("key")?.stringValue ?? "",
                    op: $0.child("operator")?.stringValue ?? "",
                    values: $0.child("values")?.sequenceItems.compactMap(\.stringValue) ?? []
                )
            } ?? []
        )
    }
}
