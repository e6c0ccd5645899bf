import ArgumentParser
import Engine

/// `plan`: print what `run` would do, writing nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the updates `run` would propose, without writing anything."
    )

    @OptionGroup var repositories: RepositoryOptions

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: ReportFormat = .text

    func run() async throws {
        let configuration = try repositories.loadConfiguration()
        let planner = Planner(
            configuration: configuration, logger: Console.logger(label: "plan"), warn: Console.warning)
        let plan: Plan
        let contents: [String: PullRequestContent]
        do {
            plan = try await planner.plan(repositories: repositories.repo)
            contents = format == .markdown ? try planner.pullRequestContents(for: plan) : [:]
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        print(PlanReport.render(plan, format: format.reportFormat, contents: contents))
        for line in plan.allErrors {
            Console.error(line)
        }
        if plan.hasErrors { throw ExitCode(1) }
    }
}
