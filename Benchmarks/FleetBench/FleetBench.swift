import ArgumentParser
import Foundation

/// `fleet-bench`: whole-fleet `plan` against the request floor on a local registry.
@main
struct FleetBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet-bench",
        abstract: "Measure a whole-fleet plan against the minimal registry requests it needs.",
        subcommands: [RunCommand.self, ForgeCommand.self, PlanChildCommand.self],
        defaultSubcommand: RunCommand.self)
}

/// Generates (or reuses) a fleet and measures cold plan, floor and warm plan.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run")

    @Option(help: "Applications.") var apps = 1_000
    @Option(help: "Image repositories.") var repos = 200
    @Option(help: "Tags per image repository.") var tags = 300
    @Option(help: "Git (chart) repositories.") var gitRepos = 50
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(help: "Concurrent requests of the floor loop (the client's per-registry limit is 8).")
    var floorConcurrency = 8
    @Option(help: "Work folder (registry storage is cached here).") var work = ".build-bench"
    @Option(help: "Append the result row as JSON to this file.") var jsonOut: String?
    @Flag(help: "Keep the generated fleet and reports for inspection.") var keep = false
    @Flag(help: "Skip the counting proxy: cleaner times, no request counts.") var direct = false

    func run() async throws {
        let shape = FleetShape(
            applications: apps, imageRepositories: repos, tagsPerRepository: tags, gitRepositories: gitRepos,
            seed: seed)
        let workURL = URL(fileURLWithPath: work, isDirectory: true).standardizedFileURL
        let result = try await FleetRun(
            shape: shape, work: workURL, floorConcurrency: floorConcurrency, keep: keep,
            direct: direct
        )
        .run()
        print(result.text)
        if let jsonOut {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let line = try encoder.encode(result)
            let handle =
                FileHandle(forWritingAtPath: jsonOut)
                ?? {
                    _ = FileManager.default.createFile(atPath: jsonOut, contents: nil)
                    return FileHandle(forWritingAtPath: jsonOut)!
                }()
            handle.seekToEndOfFile()
            handle.write(line + Data("\n".utf8))
            try handle.close()
        }
    }
}

/// Internal: runs one plan in this process and writes its report to a file (used by `run`).
struct PlanChildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan-child", shouldDisplay: false)

    @Option var applications: String
    @Option var cacheHome: String
    @Option var scratch: String
    @Option var report: String

    func run() async throws {
        let child = PlanChild(
            applicationsFolder: applications, cacheHome: cacheHome, scratch: URL(fileURLWithPath: scratch))
        let result = await child.run()
        try JSONEncoder().encode(result).write(to: URL(fileURLWithPath: report))
    }
}
