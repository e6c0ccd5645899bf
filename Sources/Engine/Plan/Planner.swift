import AppManifests
import Foundation
import Logging
import OCIRegistry

/// `plan`: finds the Applications, works out what each runs now, asks the registries and renders
/// the new files. Writes nothing in any repository.
public struct Planner: Sendable {
    let configuration: BotConfiguration
    let environment: [String: String]
    let logger: Logger
    let warn: @Sendable (String) -> Void
    /// At most this many Applications are planned at once. Registry requests are shared and gated per
    /// registry anyway; more Applications than the gate's width keep it full while others parse and render.
    let concurrency = 32

    public init(
        configuration: BotConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger, warn: @escaping @Sendable (String) -> Void
    ) {
        self.configuration = configuration
        self.environment = environment
        self.logger = logger
        self.warn = warn
    }

    /// The manifest repositories to read: `--repo` flags, else the configuration's, else the current folder.
    public func sources(repositories: [String]) -> [ApplicationSource] {
        if !repositories.isEmpty {
            return repositories.map { repo in
                let configured = configuration.applications.first { $0.repo == repo }
                return ApplicationSource(repo: repo, paths: configured?.paths ?? BotConfiguration.defaultManifestPaths)
            }
        }
        return configuration.applications.isEmpty ? [ApplicationSource(repo: ".")] : configuration.applications
    }

    /// Plans every Application; failures are reported inside the plan, usage errors are thrown.
    public func plan(repositories: [String]) async throws(UsageError) -> Plan {
        let registryConfiguration = try registryClientConfiguration()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "argocd-image-pr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw UsageError("cannot create a scratch folder under \(FileManager.default.temporaryDirectory.path)")
        }
        let sources = sources(repositories: repositories)
        let lookup = GitCredentialLookup(
            forges: configuration.forges, environment: environment,
            app: GitHubAppAuth(configuration: configuration, environment: environment))
        let workingTrees = Self.workingTrees(of: sources)
        let store = CheckoutStore(scratch: scratch, workingTrees: workingTrees, logger: logger) {
            await lookup.resolvedCredentials(for: $0)
        }
        do {
            return try await RegistryClient.withClient(configuration: registryConfiguration) { registry in
                await plan(sources: sources, store: store, registry: registry).plan
            }
        } catch {
            return Plan(errors: ["\(error)"])
        }
    }

    /// Local `--repo` folders: read as they are on disk, uncommitted edits included.
    static func workingTrees(of sources: [ApplicationSource]) -> Set<String> {
        Set(
            sources.compactMap { source -> String? in
                if case .local(let path) = RepositoryLocation(source.repo) { return path }
                return nil
            })
    }

    func registryClientConfiguration() throws(UsageError) -> RegistryClientConfiguration {
        do {
            return try RegistryClientConfiguration.standard(
                registriesConfPath: configuration.registriesConf, environment: environment, logger: logger,
                warningHandler: warn)
        } catch {
            throw UsageError("\(error)")
        }
    }

    /// The pull request text each Application with changes would get (for `--format markdown`).
    public func pullRequestContents(for plan: Plan) throws(UsageError) -> [String: PullRequestContent] {
        let templates: TemplateSet
        do {
            templates = try TemplateSet(overridesIn: configuration.templates)
        } catch {
            throw UsageError(error.description)
        }
        var contents: [String: PullRequestContent] = [:]
        for app in plan.applications where !app.changes.isEmpty {
            let context = PullRequestContext(
                overridePath: app.files.first?.path ?? "", baseBranch: app.target?.branch ?? "HEAD")
            contents[app.name] = PullRequestContent(plan: app, context: context, templates: templates)
        }
        return contents
    }

    /// The plan plus what `run` needs to act on it.
    func plan(sources: [ApplicationSource], store: CheckoutStore, registry: RegistryClient) async -> PlannedApplications
    {
        var result = PlannedApplications()
        var apps: [ApplicationSpec] = []
        let scanner = ManifestScanner(argocdNamespace: configuration.argocdNamespace, logger: logger)
        for source in sources {
            let location = RepositoryLocation(source.repo)
            let root: URL
            do {
                root = try await store.folder(for: location, branch: nil)
            } catch {
                result.plan.errors.append("\(location): cannot read the repository: \(error)")
                continue
            }
            let scan = await scanner.scanConcurrently(root: root, paths: source.paths)
            apps += scan.applications
            result.addManifestErrors(scan.errors)
        }
        let planner = ApplicationPlanner(
            registry: registry, argocdNamespace: configuration.argocdNamespace, holds: .init())
        var groups = TargetGroups(apps)
        // Only the plans come back from the tasks; specs and targets are joined once at the end, so a fleet's
        // worth of specs is never held twice.
        let plans = await withTaskGroup(of: (Int, ApplicationPlan).self) { group in
            var results = [ApplicationPlan?](repeating: nil, count: apps.count)
            func collect(_ next: (Int, ApplicationPlan)) async {
                results[next.0] = next.1
                if let done = groups.finish(next.0) { await store.release(done.location, branch: done.branch) }
            }
            for (position, index) in groups.order.enumerated() {
                if position >= concurrency, let next = await group.next() { await collect(next) }
                let app = apps[index]
                let location = groups.target(of: index).location
                group.addTask {
                    (index, await Self.plan(app, at: location, store: store, planner: planner))
                }
            }
            for await next in group { await collect(next) }
            return results
        }
        result.plan.applications = plans.compactMap { $0 } + result.plan.applications
        result.specs = apps
        result.targets = apps.indices.map { groups.target(of: $0).location }
        return result
    }
}

extension Planner {
    static func plan(
        _ app: ApplicationSpec, at location: RepositoryLocation, store: CheckoutStore, planner: ApplicationPlanner
    ) async -> ApplicationPlan {
        do {
            let files = try await store.files(for: location, branch: app.baseBranch)
            return await planner.plan(app, files: files)
        } catch {
            var plan = ApplicationPlan(
                name: app.name, manifest: app.location.description,
                target: PlanTarget(
                    repo: app.targetRepoURL, branch: app.baseBranch ?? "HEAD", path: app.primarySource.path ?? "."))
            plan.errors.append("\(app.location): application \(app.name): cannot read \(location): \(error)")
            return plan
        }
    }
}

/// One Application's plan with the spec and target it came from.
struct PlannedApplication: Sendable {
    var spec: ApplicationSpec
    var plan: ApplicationPlan
    var target: RepositoryLocation
}

/// The plan of a run, with what `run` needs to act on it.
struct PlannedApplications: Sendable {
    var plan = Plan()
    /// The planned Applications' specs and targets; their plans are the first entries of `plan.applications`.
    var specs: [ApplicationSpec] = []
    var targets: [RepositoryLocation] = []

    /// Spec, plan and target of each planned Application, joined only when `run` needs them: for a fleet
    /// `plan` alone, a second copy of every spec was the peak of its memory.
    var applications: [PlannedApplication] {
        specs.indices.map { PlannedApplication(spec: specs[$0], plan: plan.applications[$0], target: targets[$0]) }
    }

    /// File errors go to the top level; an Application's own errors make an entry for it.
    mutating func addManifestErrors(_ errors: [ManifestError]) {
        for error in errors {
            guard let name = error.application else {
                plan.errors.append(error.description)
                continue
            }
            let manifest = (error.applicationLocation ?? error.location).description
            if let index = plan.applications.firstIndex(where: { $0.name == name && $0.manifest == manifest }) {
                plan.applications[index].errors.append(error.description)
            } else {
                plan.applications.append(
                    ApplicationPlan(name: name, manifest: manifest, target: nil, errors: [error.description]))
            }
        }
    }
}
