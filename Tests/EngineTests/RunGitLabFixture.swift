import Engine
import Foundation
import Logging
import TestSupport

/// The seed's story on a fake GitLab: a registry with the seed's images and a chart project on the fake GitLab
/// holding two Applications (`example` and `staging`) that follow the same images. The project may sit in a
/// subgroup and the instance under a path prefix, as self-managed ones do.
struct RunGitLabFixture {
    static let apps = ["example", "staging"]
    static let tokenVariable = "FAKE_GITLAB_TOKEN"
    static let listRoute = FakeGitLabFailure.listMergeRequests
    static let createRoute = FakeGitLabFailure.createMergeRequest

    let registry: RegistryServer
    let gitlab: FakeGitLab
    let project: String
    let root: URL
    /// Added to the environment the run sees (e.g. `CI_JOB_TOKEN`).
    let extraEnvironment: [String: String]
    /// The configuration's `pullRequests:` section.
    var pullRequests = PullRequestSettings()

    var repoURL: String { gitlab.cloneURL(project: project) }

    var configuration: BotConfiguration {
        BotConfiguration(
            forges: [ForgeSettings(url: gitlab.baseURL, type: .gitlab, tokenEnv: Self.tokenVariable)],
            pullRequests: pullRequests)
    }

    var environment: [String: String] {
        var environment = [
            Self.tokenVariable: gitlab.token, "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
        ]
        environment.merge(extraEnvironment) { _, extra in extra }
        return environment
    }

    /// - Parameters:
    ///   - project: full path of the chart project, subgroups included.
    ///   - pathPrefix: where a self-managed instance lives below its host, e.g. `/gitlab`.
    ///   - token: the token the fake expects (API and git); `jobToken` also makes it a CI/CD job token.
    static func make(
        project: String = "platform/kubernetes-example-helm", pathPrefix: String = "",
        token: String = "glpat-fake-token-0123456789", jobToken: String? = nil,
        extraEnvironment: [String: String] = [:]
    ) async throws -> RunGitLabFixture {
        let registry = try await RegistryServer.start()
        do {
            try await SeedFixture.pushImages(to: registry)
            let gitlab = try await FakeGitLab.start(token: token, jobToken: jobToken, pathPrefix: pathPrefix)
            let fixture = RunGitLabFixture(
                registry: registry, gitlab: gitlab, project: project, root: try TemporaryDirectory.make(prefix: "run"),
                extraEnvironment: extraEnvironment)
            var files = SeedFixture.chartFiles(registry: registry.host, repoURL: fixture.repoURL)
            files["argocd/staging.yaml"] = SeedFixture.application(
                name: "staging", registry: registry.host, repoURL: fixture.repoURL)
            try await gitlab.createProject(project, files: files)
            return fixture
        } catch {
            try? await registry.stop()
            throw error
        }
    }

    func stop() async {
        try? await registry.stop()
        await gitlab.stop()
        TemporaryDirectory.remove(root)
    }

    func run(_ options: RunOptions = RunOptions()) async throws -> RunResult {
        let reconciler = Reconciler(
            configuration: configuration, environment: environment, options: options,
            logger: Logger(label: "run-gitlab-test"), warn: { _ in })
        return try await reconciler.run(repositories: [repoURL])
    }

    /// Pushes a newer `main-<sha>` build of the given images.
    func pushNewer(_ apps: [String] = ["frontend", "backend"], tag: String = SeedFixture.newerTag) async throws {
        let pusher = ImagePusher(registry: registry)
        for app in apps {
            _ = try await pusher.push(
                SeedFixture.image(app, "2026-11-25T12:00:00Z", revision: "c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe"),
                repository: "lyzhang1999/\(app)", tag: tag)
        }
    }

    /// Every merge request of the project, by iid.
    func mergeRequests() async throws -> [FakeMergeRequestRecord] {
        try await gitlab.mergeRequests(project: project).sorted { $0.iid < $1.iid }
    }

    func openMergeRequests() async throws -> [FakeMergeRequestRecord] {
        try await mergeRequests().filter { $0.state == "opened" }
    }

    func branch(_ name: String) async throws -> String? {
        try await gitlab.branchSHA(name, project: project)
    }

    func file(_ path: String, on branch: String) throws -> String? {
        GitFixture.readFile(path, branch: branch, repository: try gitlab.gitDirectory(project: project))
    }

    /// Every branch and its commit.
    func branches() throws -> [String: String] {
        let directory = try gitlab.gitDirectory(project: project)
        var result: [String: String] = [:]
        for branch in GitFixture.branches(of: directory) {
            result[branch] = GitFixture.head(of: branch, repository: directory)
        }
        return result
    }

    /// API calls of the merge request list.
    func listCalls() async -> [FakeGitLabCall] {
        await gitlab.calls(of: Self.listRoute)
    }

    /// The lists of the bot's open merge requests: one per project and run. (Reading comment commands lists
    /// merge requests by `updated_at` as well, GitLab having no project-wide list of notes.)
    func openListCalls() async -> [FakeGitLabCall] {
        await listCalls().filter { $0.query["state"] == "opened" }
    }
}
