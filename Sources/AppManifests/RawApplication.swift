import Yams

/// An `Application` document as read, before anything is validated.
struct RawApplication {
    var name: String?
    var namespace: String?
    var labels: [String: String]
    var annotations: [String: String]
    var annotationLines: [String: Int]
    var sources: [ApplicationSource]
    var sourceLines: [Int]
    var isMultiSource: Bool
    var location: ManifestLocation

    init(document: Node, location: ManifestLocation) {
        let metadata = document.child("metadata")
        name = metadata?.child("name")?.stringValue
        namespace = metadata?.child("namespace")?.stringValue
        labels = metadata?.child("labels")?.stringMap ?? [:]
        let annotationNode = metadata?.child("annotations")
        annotations = annotationNode?.stringMap ?? [:]
        var lines: [String: Int] = [:]
        for (key, _) in annotationNode?.mappingPairs ?? [] {
            if let text = key.scalarText { lines[text] = key.line }
        }
        annotationLines = lines
        self.location = location

        let spec = document.child("spec")
        var sourceNodes: [Node] = []
        if let many = spec?.child("sources"), !many.sequenceItems.isEmpty {
            sourceNodes = many.sequenceItems
            isMultiSource = true
        } else if let one = spec?.child("source"), one.isMapping {
            sourceNodes = [one]
            isMultiSource = false
        } else if let dry = spec?.child("sourceHydrator")?.child("drySource"), dry.isMapping {
            sourceNodes = [dry]
            isMultiSource = false
        } else {
            isMultiSource = false
        }
        sources = sourceNodes.map(Self.source)
        sourceLines = sourceNodes.map(\.line)
    }

    private static func source(_ node: Node) -> ApplicationSource {
        var helm: ApplicationSource.Helm? = nil
        if let block = node.child("helm") {
            helm = ApplicationSource.Helm(
                valueFiles: block.child("valueFiles")?.sequenceItems.compactMap(\.stringValue) ?? [],
                parameters: block.child("parameters")?.sequenceItems.compactMap { item in
                    guard let name = item.child("name")?.stringValue else { return nil }
                    return HelmParameter(
                        name: name,
                        value: item.child("value")?.scalarText ?? "",
                        forceString: item.child("forceString")?.scalarText.flatMap(UpdateSettings.parseBool) ?? false
                    )
                } ?? [],
                releaseName: block.child("releaseName")?.stringValue
            )
        }
        var kustomize: ApplicationSource.Kustomize? = nil
        if let block = node.child("kustomize") {
            kustomize = ApplicationSource.Kustomize(
                images: block.child("images")?.sequenceItems.compactMap(\.stringValue) ?? []
            )
        }
        return ApplicationSource(
            repoURL: node.child("repoURL")?.stringValue ?? "",
            path: node.child("path")?.stringValue,
            targetRevision: node.child("targetRevision")?.stringValue,
            chart: node.child("chart")?.stringValue,
            ref: node.child("ref")?.stringValue,
            name: node.child("name")?.stringValue,
            helm: helm,
            kustomize: kustomize,
            hasPlugin: node.child("plugin") != nil
        )
    }
}
