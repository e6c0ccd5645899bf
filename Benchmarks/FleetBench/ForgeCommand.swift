import ArgumentParser
import Foundation

/// Measures the forge API and git work of `run` over a fleet hosted on a fake GitHub or GitLab.
struct ForgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forge",
        abstract: "Measure forge calls and git operations of three runs: fresh fleet, unchanged, newer builds.")

    @Option(help: "Applications.") var apps = 1_000
    @Option(help: "Image repositories.") var repos = 200
    @Option(help: "Tags per image repository.") var tags = 300
    @Option(help: "Git (chart) repositories on the fake forge.") var gitRepos = 50
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(help: "Which fake forge hosts the chart repositories: github or gitlab.")
    var forge: BenchForge.Kind = .github
    @Option(help: "Image repositories given a newer build before the third run.") var bump = 5
    @Option(help: "Work folder (registry storage is cached here).") var work = ".build-bench"
    @Option(help: "Append the result as one JSON line to this file.") var jsonOut: String?
    @Flag(help: "Keep the generated fleet for inspection.") var keep = false

    func run() async throws {
        let shape = FleetShape(
            applications: apps, imageRepositories: repos, tagsPerRepository: tags, gitRepositories: gitRepos,
            seed: seed)
        let workURL = URL(fileURLWithPath: work, isDirectory: true).standardizedFileURL
        let result = try await ForgeRun(shape: shape, work: workURL, forgeKind: forge, bump: bump, keep: keep).run()
        print(result.text)
        if let jsonOut {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let line = try encoder.encode(result) + Data("\n".utf8)
            if !FileManager.default.fileExists(atPath: jsonOut) {
                _ = FileManager.default.createFile(atPath: jsonOut, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: jsonOut) else {
                throw BenchError("cannot write \(jsonOut)")
            }
            handle.seekToEndOfFile()
            handle.write(line)
            try handle.close()
        }
        if !result.allMet { throw ExitCode(1) }
    }
}

extension BenchForge.Kind: ExpressibleByArgument {}
