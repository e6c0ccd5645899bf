import Foundation
import TestSupport

/// Writes the git side of a fleet: `gitRepositories` bare chart repositories (one Helm chart per
/// Application under `charts/<app>`) and a plain folder of Application manifests whose `repoURL`
/// is the local path of their chart repository, so `plan` checks each repository out once.
struct FleetWriter: Sendable {
    let root: URL
    /// `127.0.0.1:PORT` of the registry the images name.
    let registryHost: String

    var applicationsFolder: URL { root.appendingPathComponent("argocd-apps") }

    func chartRepository(_ index: Int) -> URL { root.appendingPathComponent("charts-\(index).git") }

    /// Where Applications point for chart repository `index`; nil: its local bare repository.
    var chartRepoURL: (@Sendable (Int) -> String)? = nil

    func write(
        _ apps: [ApplicationModel], repositories: [ImageRepositoryModel], gitRepositories: Int
    ) async throws {
        let byGit = Dictionary(grouping: apps, by: \.gitRepository)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<gitRepositories {
                if index >= 4 { try await group.next() }
                let files = chartFiles(byGit[index] ?? [], index: index, repositories: repositories)
                group.addTask { try GitFixture.makeBareRepository(at: chartRepository(index), files: files) }
            }
            try await group.waitForAll()
        }
        try writeApplications(apps, repositories: repositories)
    }

    /// The first commit of chart repository `index`: one Helm chart per member Application.
    func chartFiles(
        _ members: [ApplicationModel], index: Int, repositories: [ImageRepositoryModel]
    ) -> [String: String] {
        var files: [String: String] = ["README.md": "Charts of fleet repository \(index)\n"]
        for app in members {
            let image = "\(registryHost)/\(repositories[app.repository].name)"
            files["charts/\(app.name)/Chart.yaml"] = "apiVersion: v2\nname: \(app.name)\nversion: 0.1.0\n"
            files["charts/\(app.name)/values.yaml"] = values(image: image, tag: app.currentTag)
            files["charts/\(app.name)/templates/deployment.yaml"] = deployment(app.name)
        }
        return files
    }

    /// The Application manifests, one folder per chart repository.
    func writeApplications(_ apps: [ApplicationModel], repositories: [ImageRepositoryModel]) throws {
        for app in apps {
            let folder = applicationsFolder.appendingPathComponent("repo-\(app.gitRepository)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let text = application(app, image: "\(registryHost)/\(repositories[app.repository].name)")
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(app.name).yaml"))
        }
    }

    private func values(image: String, tag: String) -> String {
        "replicaCount: 2\nimage:\n  repository: \(image)\n  tag: \"\(tag)\"\n  pullPolicy: IfNotPresent\n"
    }

    private func deployment(_ name: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
        spec:
          replicas: {{ .Values.replicaCount }}
          template:
            spec:
              containers:
                - name: app
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"

        """
    }

    private func application(_ app: ApplicationModel, image: String) -> String {
        let prefix = "argocd-image-updater.argoproj.io"
        var entry = "app=\(image)"
        if !app.constraint.isEmpty { entry += ":\(app.constraint)" }
        var annotations = [
            "\(prefix)/image-list: \"\(entry)\"",
            "\(prefix)/update-strategy: \(app.strategy.rawValue)",
            "\(prefix)/write-back-method: git",
            "\(prefix)/app.helm.image-name: image.repository",
            "\(prefix)/app.helm.image-tag: image.tag",
        ]
        if app.strategy == .newestBuild { annotations.append("\(prefix)/app.allow-tags: \"regexp:^main\"") }
        return """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: \(app.name)
              namespace: argocd
              annotations:
            \(annotations.map { "    " + $0 }.joined(separator: "\n"))
            spec:
              project: default
              source:
                repoURL: \(chartRepoURL?(app.gitRepository) ?? chartRepository(app.gitRepository).path)
                path: charts/\(app.name)
                targetRevision: main
              destination:
                server: https://kubernetes.default.svc
                namespace: \(app.name)

            """
    }
}
