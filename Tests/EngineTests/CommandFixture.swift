import Foundation
import TestSupport
import Yams

@testable import Engine

/// Comment commands on the fake GitHub: the run fixture plus people commenting on the bot's pull requests.
struct CommandFixture {
    static let stateBranch = "argocd-image-pr/state"
    let run: RunFixture

    static func make() async throws -> CommandFixture {
        let run = try await RunFixture.make()
        await run.github.setPermission("write", for: "alice", owner: RunFixture.owner, name: RunFixture.name)
        await run.github.setPermission("triage", for: "mallory", owner: RunFixture.owner, name: RunFixture.name)
        return CommandFixture(run: run)
    }

    func stop() async { await run.stop() }

    var github: FakeGitHub { run.github }

    /// The open bot pull request of an Application.
    func pull(_ app: String = "example") async throws -> FakePullRecord? {
        try await run.openPulls().first { $0.head == "argocd-image-pr/\(app)" }
    }

    /// A person's comment on the Application's open pull request; returns its id.
    @discardableResult
    func comment(_ body: String, by author: String = "alice", on app: String = "example") async throws -> Int {
        guard let pull = try await pull(app) else { throw CommandFixtureError("no open pull request for \(app)") }
        return try await github.addComment(
            to: pull.number, author: author, body: body, owner: RunFixture.owner, name: RunFixture.name)
    }

    func comments() async -> [FakeCommentRecord] {
        await github.comments(owner: RunFixture.owner, name: RunFixture.name)
    }

    /// The bot's own comments (replies and close comments), oldest first.
    func botComments() async -> [FakeCommentRecord] {
        await comments().filter { $0.author == github.botLogin }
    }

    func reactions(on id: Int) async -> [String] {
        await comments().first { $0.id == id }?.reactions.map(\.content) ?? []
    }

    func state() throws -> BotState {
        guard let text = run.file("state.yaml", on: Self.stateBranch) else { return BotState() }
        return try YAMLDecoder().decode(BotState.self, from: text)
    }

    /// Subjects of the state branch's commits, newest first.
    func stateLog() throws -> [String] {
        let directory = github.gitDirectory(owner: RunFixture.owner, name: RunFixture.name)
        guard GitFixture.head(of: Self.stateBranch, repository: directory) != nil else { return [] }
        let output = try GitFixture.run(["--git-dir", directory.path, "log", "--format=%s", Self.stateBranch])
        return output.split(separator: "\n").map(String.init)
    }

    /// `alias:to` of each image the Application's pull request proposes, from the override on its branch.
    func proposedOverride(_ app: String = "example") -> String? {
        run.file(".argocd-source-\(app).yaml", on: "argocd-image-pr/\(app)")
    }
}

struct CommandFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
