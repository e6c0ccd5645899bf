import Foundation
import Testing

@testable import Engine

@Suite("configuration file")
struct ConfigurationLoaderTests {
    private func write(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("argocd-image-pr.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func defaultsWhenNoFile() throws {
        let configuration = try ConfigurationLoader.load(path: nil, currentDirectory: "/nonexistent")
        #expect(configuration == BotConfiguration())
        #expect(configuration.pullRequests.branchPrefix == "argocd-image-pr/")
        #expect(configuration.pullRequests.allLabels == ["argocd-image-pr"])
        #expect(configuration.argocdNamespace == "argocd")
    }

    @Test func readsEveryDocumentedKey() throws {
        let path = try write(
            """
            applications:
              - repo: .
                paths: ["apps/*.yaml"]
            forges:
              - url: https://git.example.com
                type: gitlab
                tokenEnv: GITLAB_TOKEN
            pullRequests:
              branchPrefix: bot/
              labels: [deps, argocd-image-pr]
              reviewers: [alice]
              assignees: [bob]
              draft: true
            registriesConf: registries.conf
            templates: templates/
            git:
              author: "Image Bot <bot@example.com>"
            service:
              interval: 2m
              webhooks:
                github: {secretEnv: GH_SECRET}
                gitlab: {tokenEnv: GL_TOKEN}
                registry: {tokenEnv: REG_TOKEN}
            """)
        let configuration = try ConfigurationLoader.load(file: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(configuration.applications == [ApplicationSource(repo: ".", paths: ["apps/*.yaml"])])
        #expect(
            configuration.forges == [
                ForgeSettings(url: "https://git.example.com", type: .gitlab, tokenEnv: "GITLAB_TOKEN")
            ])
        #expect(configuration.pullRequests.branchPrefix == "bot/")
        #expect(configuration.pullRequests.allLabels == ["argocd-image-pr", "deps"])
        #expect(configuration.pullRequests.draft)
        #expect(configuration.registriesConf == folder + "/registries.conf")
        #expect(configuration.templates == folder + "/templates")
        #expect(configuration.git == GitSettings(authorName: "Image Bot", authorEmail: "bot@example.com"))
        #expect(configuration.service.intervalSeconds == 120)
        #expect(configuration.service.githubWebhookSecretEnv == "GH_SECRET")
        #expect(configuration.service.registryWebhookTokenEnv == "REG_TOKEN")
    }

    @Test(arguments: [
        ("pullRequest:\n  draft: true\n", "unknown configuration key `pullRequest`"),
        ("pullRequests:\n  draft: maybe\n", "must be true or false"),
        ("forges:\n  - url: git.example.com\n    type: gitlab\n", "http(s) URL"),
        ("forges:\n  - url: https://x\n    type: gitea\n", "not github or gitlab"),
        ("service:\n  interval: soon\n", "not a duration"),
        ("service:\n  interval: 5000000000000000h\n", "not a duration"),
        ("pullRequests:\n  branchPrefix: -bot/\n", "valid git branch name"),
        ("pullRequests:\n  branchPrefix: refs/heads/bot/\n", "valid git branch name"),
        ("pullRequests:\n  branchPrefix: a..b/\n", "valid git branch name"),
        ("applications: {repo: .}\n", "must be a list"),
        ("a: [unclosed\n", "invalid configuration"),
    ])
    func badFilesNameTheProblem(text: String, expected: String) throws {
        let path = try write(text)
        #expect {
            try ConfigurationLoader.load(file: path)
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && message.hasPrefix(path) && !message.contains("\n")
        }
    }

    @Test func unreadableFile() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: "/nonexistent/argocd-image-pr.yaml")
        }
    }

    @Test(arguments: [("30s", 30), ("5m", 300), ("1h", 3600), ("1h30m", 5400)])
    func durations(text: String, seconds: Int) {
        #expect(DurationParser.seconds(text) == seconds)
    }

    @Test(arguments: ["", "5", "m", "-5m", "5x", "0s", "400d", "99999999999999999999h"])
    func badDurations(text: String) {
        #expect(DurationParser.seconds(text) == nil)
    }
}
