import AppManifests
import Foundation
import Logging

/// `validate`: reads configuration and manifests and checks every image-list entry (strategy,
/// constraint, filters, platforms, reference) without calling any registry.
public struct Validator: Sendable {
    /// What was checked and every problem found.
    public struct Report: Sendable {
        public var applications: [String] = []
        public var images = 0
        public var problems: [String] = []

        /// The summary line for stdout.
        public var summary: String {
            let status = problems.isEmpty ? "ok" : "\(problems.count) problem(s)"
            return "\(status): \(applications.count) application(s), \(images) image(s) checked"
        }
    }

    let configuration: BotConfiguration
    let logger: Logger

    public init(configuration: BotConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func validate(repositories: [String]) async throws(UsageError) -> Report {
        do {
            _ = try TemplateSet(overridesIn: configuration.templates)
        } catch {
            throw UsageError(error.description)
        }
        let planner = Planner(configuration: configuration, logger: logger, warn: { _ in })
        _ = try planner.registryClientConfiguration()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "argocd-image-pr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let lookup = GitCredentialLookup(forges: configuration.forges, environment: ProcessInfo.processInfo.environment)
        let sources = planner.sources(repositories: repositories)
        let store = CheckoutStore(
            scratch: scratch, workingTrees: Planner.workingTrees(of: sources), logger: logger
        ) { await lookup.resolvedCredentials(for: $0) }
        let scanner = ManifestScanner(argocdNamespace: configuration.argocdNamespace, logger: logger)
        var report = Report()
        for source in sources {
            let location = RepositoryLocation(source.repo)
            let root: URL
            do {
                root = try await store.folder(for: location, branch: nil)
            } catch {
                report.problems.append("\(location): cannot read the repository: \(error)")
                continue
            }
            let scan = await scanner.scanConcurrently(root: root, paths: source.paths)
            report.problems += scan.errors.map(\.description)
            for app in scan.applications {
                report.applications.append(app.name)
                for image in app.images {
                    report.images += 1
                    do {
                        _ = try ImageSettings(image)
                    } catch {
                        report.problems.append("\(app.location): application \(app.name): \(error)")
                    }
                }
            }
        }
        return report
    }
}
