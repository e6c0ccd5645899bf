import ArgumentParser

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
        throw NotYetAvailable.fail("plan")
    }
}
