import ArgumentParser

/// `argocd-image-pr`: keeps Argo CD deployments current through pull requests.
struct RootCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argocd-image-pr",
        abstract: "Keep Argo CD Applications' images current through pull requests.",
        discussion: """
            Reads Argo CD Image Updater annotations, asks the registries for the newest allowed \
            image and opens or updates one pull request (GitHub) or merge request (GitLab) per \
            Application, writing its .argocd-source-<app>.yaml override.
            """,
        subcommands: [
            PlanCommand.self, RunCommand.self, ServeCommand.self, CheckImageCommand.self,
            ValidateCommand.self, VersionCommand.self,
        ]
    )
}
