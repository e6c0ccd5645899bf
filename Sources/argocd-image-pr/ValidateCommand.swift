import ArgumentParser
import Engine

/// `validate`: check configuration and manifests without calling any registry.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configuration and Application manifests; list every problem found."
    )

    @OptionGroup var repositories: RepositoryOptions

    func run() async throws {
        let configuration = try repositories.loadConfiguration()
        let validator = Validator(configuration: configuration, logger: Console.logger(label: "validate"))
        let report: Validator.Report
        do {
            report = try await validator.validate(repositories: repositories.repo)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        for problem in report.problems {
            Console.error(problem)
        }
        print(report.summary)
        if !report.problems.isEmpty { throw ExitCode(1) }
    }
}
