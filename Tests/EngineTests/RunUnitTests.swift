import Foundation
import Testing

@testable import Engine

/// The small pieces of `run` that need no servers: the PR state block, the state file, the forge lookup.
@Suite("run pieces")
struct RunUnitTests {
    @Test func stateBlockIsReadFromTheBody() throws {
        let plan = ApplicationPlan(
            name: "example", manifest: "a.yaml:1", target: nil,
            changes: [ImageChange(alias: "frontend", image: "r/frontend", from: "main-1", to: "main-2", digest: nil)])
        let templates = try TemplateSet(overridesIn: nil)
        let content = PullRequestContent(
            plan: plan, context: PullRequestContext(overridePath: ".argocd-source-example.yaml", baseBranch: "main"),
            templates: templates)
        let block = try #require(PullRequestStateBlock(body: content.body))
        #expect(block.application == "example")
        #expect(block.images == [.init(alias: "frontend", to: "main-2")])
    }

    @Test(arguments: [
        "no block at all",
        "<!-- argocd-image-pr: {not json} -->",
        "<!-- argocd-image-pr: {\"application\": \"x\"} -->",
        "<!-- argocd-image-pr: {\"application\": \"x\", \"images\": []",
    ])
    func unreadableStateBlocksAreIgnored(body: String) {
        #expect(PullRequestStateBlock(body: body) == nil)
    }

    @Test func stateFileRoundTripsWithSortedKeys() throws {
        var state = BotState()
        state[application: "zeta"].decline(TagHold(alias: "web", tag: "1.2", pullRequest: 7))
        state[application: "alpha"].processedPullRequests = [3]
        let first = try StateFile.encode(state)
        #expect(try StateFile.decode(first, origin: "state.yaml") == state)
        let text = String(decoding: first, as: UTF8.self)
        let alpha = try #require(text.range(of: "alpha:"))
        let zeta = try #require(text.range(of: "zeta:"))
        #expect(alpha.lowerBound < zeta.lowerBound)
        #expect(try StateFile.encode(state) == first)
        // An Application with nothing left is dropped from the file.
        state[application: "alpha"] = ApplicationState()
        #expect(state.applications.keys.sorted() == ["zeta"])
        let holds = state.holds(for: "zeta")
        #expect(holds.skipped["zeta"]?["web"] == ["1.2"])
    }

    @Test func oversizedStateFileIsRefused() {
        let data = Data(repeating: UInt8(ascii: "#"), count: StateFile.maxBytes + 1)
        #expect(throws: StateFileError.self) { try StateFile.decode(data, origin: "state.yaml") }
    }

    @Test func forgeLookupNamesTheFix() throws {
        let configuration = BotConfiguration(
            forges: [ForgeSettings(url: "https://git.example.com", type: .gitlab, tokenEnv: "MY_TOKEN")])
        let directory = ForgeDirectory(configuration: configuration, environment: ["MY_TOKEN": "secret-value"])
        let link = try directory.link(for: .remote("https://git.example.com/group/sub/project.git"))
        #expect(link.repository.path == "group/sub/project")
        #expect(link.repository.kind == .gitlab)
        #expect(link.forge.gitCredentials(for: link.repository)?.password == "secret-value")

        let unknown = #expect(throws: RunError.self) {
            try directory.link(for: .remote("https://code.internal/team/repo.git"))
        }
        #expect(unknown?.description.contains("forges:") == true)
        #expect(unknown?.description.contains("--forge none") == true)
        let local = #expect(throws: RunError.self) { try directory.link(for: .local("/tmp/repo.git")) }
        #expect(local?.description.contains("--forge none") == true)
    }
}
