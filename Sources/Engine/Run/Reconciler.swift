import Forges
import Foundation
import GitClient
import Logging
import OCIRegistry

/// `run`: plans, then makes each target repository's branches and pull requests match the plan — one branch
/// `<branchPrefix><app>` and one pull request per Application, updated in place, closed when no longer needed.
public struct Reconciler: Sendable {
    let configuration: BotConfiguration
    let environment: [String: String]
    let options: RunOptions
    let logger: Logger
    let warn: @Sendable (String) -> Void
    let makeForge: @Sendable (ForgeEndpoint) -> any Forge
    /// Target repositories reconciled at once.
    static let repositoryConcurrency = 4

    public init(
        configuration: BotConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment,
        options: RunOptions = RunOptions(), logger: Logger, warn: @escaping @Sendable (String) -> Void
    ) {
        self.init(
            configuration: configuration, environment: environment, options: options, logger: logger, warn: warn,
            makeForge: ForgeDirectory.standardForges(environment: environment))
    }

    init(
        configuration: BotConfiguration, environment: [String: String], options: RunOptions, logger: Logger,
        warn: @escaping @Sendable (String) -> Void, makeForge: @escaping @Sendable (ForgeEndpoint) -> any Forge
    ) {
        self.configuration = configuration
        self.environment = environment
        self.options = options
        self.logger = logger
        self.warn = warn
        self.makeForge = makeForge
    }

    /// Plans and reconciles; failures are reported per Application inside the result, usage errors are thrown.
    public func run(repositories: [String]) async throws(UsageError) -> RunResult {
        let planner = Planner(configuration: configuration, environment: environment, logger: logger, warn: warn)
        let registryConfiguration = try planner.registryClientConfiguration()
        let templates: TemplateSet
        do {
            templates = try TemplateSet(overridesIn: configuration.templates)
        } catch {
            throw UsageError(error.description)
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "argocd-image-pr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw UsageError("cannot create a scratch folder under \(FileManager.default.temporaryDirectory.path)")
        }
        let sources = planner.sources(repositories: repositories)
        let app = GitHubAppAuth(configuration: configuration, environment: environment)
        let lookup = GitCredentialLookup(forges: configuration.forges, environment: environment, app: app)
        let workingTrees = Set(
            sources.compactMap { source -> String? in
                if case .local(let path) = RepositoryLocation(source.repo) { return path }
                return nil
            })
        let store = CheckoutStore(scratch: scratch, workingTrees: workingTrees, logger: logger) {
            await lookup.resolvedCredentials(for: $0)
        }
        let log = RunLog()
        do {
            return try await RegistryClient.withClient(configuration: registryConfiguration) { registry in
                let planned = await planner.plan(sources: sources, store: store, registry: registry)
                let namespace = configuration.argocdNamespace
                let settings = ReconcileSettings(
                    pullRequests: configuration.pullRequests, templates: templates,
                    author: GitSignature(name: configuration.git.authorName, email: configuration.git.authorEmail),
                    options: options, store: store, lookup: lookup,
                    forges: ForgeDirectory(
                        configuration: configuration, environment: environment, app: app, makeForge: makeForge),
                    log: log, argocdNamespace: namespace,
                    replan: { app, holds in
                        await Self.replan(app, holds: holds, store: store, registry: registry, namespace: namespace)
                    })
                return await Self.reconcile(planned, settings: settings)
            }
        } catch {
            return RunResult(plan: Plan(errors: ["\(error)"]), actions: await log.actions, pullRequests: [:])
        }
    }

    /// Reconciles the target repositories in parallel, the Applications of one repository in order.
    static func reconcile(_ planned: PlannedApplications, settings: ReconcileSettings) async -> RunResult {
        var groups: [RepositoryLocation: [(Int, PlannedApplication)]] = [:]
        var order: [RepositoryLocation] = []
        for (index, app) in planned.applications.enumerated() {
            if groups[app.target] == nil { order.append(app.target) }
            groups[app.target, default: []].append((index, app))
        }
        typealias Results = (outcomes: [(Int, RepositoryReconciler.Outcome)], errors: [String])
        let (outcomes, errors) = await withTaskGroup(of: Results.self) { group in
            var all: Results = ([], [])
            for (started, location) in order.enumerated() {
                // A few repositories at a time: each holds a clone and connections to its forge.
                if started >= Self.repositoryConcurrency, let results = await group.next() {
                    all.outcomes += results.outcomes
                    all.errors += results.errors
                }
                let apps = groups[location] ?? []
                group.addTask {
                    let reconciler = RepositoryReconciler(location: location, settings: settings)
                    // Comment commands first: their pins and skips flow into this run's reconcile.
                    let errors = await reconciler.processComments(for: apps.map(\.1))
                    var results: [(Int, RepositoryReconciler.Outcome)] = []
                    for (index, app) in apps {
                        results.append((index, await reconciler.reconcile(app)))
                    }
                    return (results, errors)
                }
            }
            for await results in group {
                all.outcomes += results.outcomes
                all.errors += results.errors
            }
            return all
        }
        var plan = planned.plan
        plan.errors += errors
        var contents: [String: PullRequestContent] = [:]
        for (index, outcome) in outcomes {
            plan.applications[index] = outcome.plan
            if let content = outcome.content { contents[outcome.plan.name] = content }
        }
        return RunResult(plan: plan, actions: await settings.log.actions, pullRequests: contents)
    }

    static func replan(
        _ app: PlannedApplication, holds: ApplicationPlanner.Holds, store: CheckoutStore, registry: RegistryClient,
        namespace: String
    ) async -> ApplicationPlan {
        do {
            let files = try await store.files(for: app.target, branch: app.spec.baseBranch)
            let planner = ApplicationPlanner(registry: registry, argocdNamespace: namespace, holds: holds)
            return await planner.plan(app.spec, files: files)
        } catch {
            var plan = app.plan
            plan.changes = []
            plan.files = []
            plan.errors.append(
                "\(app.spec.location): application \(app.spec.name): cannot read \(app.target): \(error)")
            return plan
        }
    }
}
