import ArgumentParser
import Engine
import GitClient

/// `version`: this build's version and the libgit2 it links.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version and the linked libgit2 version."
    )

    func run() throws {
        print("argocd-image-pr \(BotVersion.current) (libgit2 \(LibGit2.version))")
    }
}
