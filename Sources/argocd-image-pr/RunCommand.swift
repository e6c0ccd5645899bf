import ArgumentParser
import Engine

/// `run`: plan, then make branches and pull requests match the plan.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Plan, push one branch per Application and open or update its pull request."
    )

    @OptionGroup var repositories: RepositoryOptions

    @Flag(name: .long, help: "Print every git and forge write instead of making it.")
    var dryRun = false

    @Option(name: .long, help: "Forge to talk to; `none` pushes branches only and prints the PR it would open.")
    var forge: String?

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: ReportFormat = .text

    func validate() throws {
        if let forge, forge != "none" {
            throw ValidationError(
                "--forge accepts only `none` (the forge is otherwise chosen from the Application's repoURL)")
        }
    }

    func run() async throws {
        let configuration = try repositories.loadConfiguration()
        let reconciler = Reconciler(
            configuration: configuration, options: RunOptions(dryRun: dryRun, forgeless: forge == "none"),
            logger: Console.logger(label: "run"), warn: Console.warning)
        let result: RunResult
        do {
            result = try await reconciler.run(repositories: repositories.repo)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        print(result.render(format: format.reportFormat))
        for line in result.plan.allErrors {
            Console.error(line)
        }
        if result.hasErrors { throw ExitCode(1) }
    }
}
