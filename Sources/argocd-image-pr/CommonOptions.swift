import ArgumentParser
import Engine

/// Output format of `plan` and `run`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown

    var reportFormat: PlanReport.Format {
        switch self {
        case .text: .text
        case .json: .json
        case .markdown: .markdown
        }
    }
}

/// Output format of `check-image`.
enum CheckImageFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options shared by the commands that read Applications from repositories.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: argocd-image-pr.yaml when present).")
    var config: String?

    @Option(
        name: .long,
        help:
            "Repository holding Application manifests: a local path or a git URL (repeatable; default: the current directory)."
    )
    var repo: [String] = []

    /// Reads `--config` (or the default file); an unreadable or invalid file is exit 2.
    func loadConfiguration() throws -> BotConfiguration {
        do {
            return try ConfigurationLoader.load(path: config)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }
}
