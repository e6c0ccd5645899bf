import ArgumentParser

/// `validate`: check configuration and manifests without calling any registry.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configuration and Application manifests; list every problem found."
    )

    @OptionGroup var repositories: RepositoryOptions

    func run() async throws {
        throw NotYetAvailable.fail("validate")
    }
}
