import Foundation
import Testing

@Suite("command-line contract")
struct CommandLineContractTests {
    @Test func helpListsEverySubcommand() async throws {
        let result = try await CLI.run(["--help"])
        #expect(result.status == 0)
        for name in ["plan", "run", "serve", "check-image", "validate", "version"] {
            #expect(result.stdout.contains(name), "help does not list \(name)")
        }
    }

    @Test func versionNamesLibgit2() async throws {
        let result = try await CLI.run(["version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("argocd-image-pr "))
        #expect(result.stdout.contains("libgit2 1."))
    }

    @Test(arguments: [
        ["plan", "--no-such-flag"],
        ["plan", "--format", "yaml"],
        ["check-image", "nginx", "--format", "markdown"],
        ["check-image", "nginx", "--strategy", "newest"],
        ["check-image"],
        ["run", "--forge", "github"],
        ["frobnicate"],
    ])
    func badCommandLinesExitTwo(arguments: [String]) async throws {
        let result = try await CLI.run(arguments)
        #expect(result.status == 2, "\(arguments) exited \(result.status): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }
}
