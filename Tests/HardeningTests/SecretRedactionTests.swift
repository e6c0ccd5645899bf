import Foundation
import TestSupport
import Testing

/// Full runs of the binary against a registry that demands credentials: every byte the process writes
/// is searched for the password, its base64 form and the forge tokens in the environment.
@Suite("secrets never appear in output", .serialized)
struct SecretRedactionTests {
    static let user = "puller"
    static let password = "Pa55-w0rd-SENTINEL-7f3a"
    static let wrongPassword = "Wr0ng-SENTINEL-c41d"
    static let forgeTokens = [
        "GITHUB_TOKEN": "ghp_SENTINELgithubTOKEN0123456789", "GITLAB_TOKEN": "glpat-SENTINELgitlab",
    ]

    static func secrets(_ password: String) -> [String] {
        let pair = "\(user):\(password)"
        return [password, Data(pair.utf8).base64EncodedString(), pair] + Array(forgeTokens.values)
    }

    static func dockerConfig(in directory: URL, registry: String, password: String) throws -> String {
        let folder = directory.appendingPathComponent("docker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let auth = Data("\(user):\(password)".utf8).base64EncodedString()
        try Data(#"{"auths":{"\#(registry)":{"auth":"\#(auth)"}}}"#.utf8)
            .write(to: folder.appendingPathComponent("config.json"))
        return folder.path
    }

    static func expectNoSecret(_ result: CLIRunner.Result, _ secrets: [String], _ what: String) {
        for secret in secrets {
            #expect(!result.stdout.contains(secret), "\(what): stdout holds a secret")
            #expect(!result.stderr.contains(secret), "\(what): stderr holds a secret")
        }
    }

    @Test("plan, validate and check-image with docker config and env: credentials, right and wrong")
    func fullRuns() async throws {
        let registry = try await RegistryServer.start(auth: .basic(user: Self.user, password: Self.password))
        defer { Task { try? await registry.stop() } }
        let pusher = ImagePusher(registry: registry)
        for (tag, day) in [("main-1", 1), ("main-2", 2)] {
            _ = try await pusher.push(
                TestImage(
                    created: Date(timeIntervalSince1970: 1_714_557_600 + Double(day) * 86_400), labels: [:],
                    seed: tag),
                repository: "team/web", tag: tag)
        }
        let image = "\(registry.host)/team/web"
        let fixture = try ChartFixture.make(
            values: "web:\n  image: \(image)\n  tag: main-1\napi:\n  image: \(image)\n  tag: main-1\n"
        ) {
            repoURL in
            [
                "apps/docker.yaml": ChartFixture.application(
                    name: "docker",
                    images: [
                        .init(alias: "web", reference: image, annotations: ["pull-secret: pullsecret:argocd/regcred"])
                    ],
                    global: ["update-strategy: latest"], repoURL: repoURL),
                "apps/env.yaml": ChartFixture.application(
                    name: "env",
                    images: [.init(alias: "api", reference: image, annotations: ["pull-secret: env:HARDENING_CREDS"])],
                    global: ["update-strategy: latest"], repoURL: repoURL),
            ]
        }
        defer { fixture.remove() }

        var runs = 0
        for password in [Self.password, Self.wrongPassword] {
            let environment = Self.forgeTokens.merging([
                "DOCKER_CONFIG": try Self.dockerConfig(in: fixture.root, registry: registry.host, password: password),
                "HARDENING_CREDS": "\(Self.user):\(password)", "XDG_CACHE_HOME": fixture.cache,
            ]) { $1 }
            let secrets = Self.secrets(Self.password) + Self.secrets(Self.wrongPassword)
            for format in ["text", "json", "markdown"] {
                let result = try await CLIRunner.run(
                    ["plan", "--repo", fixture.chart.path, "--format", format], environment: environment)
                runs += 1
                #expect(!result.crashed && !result.timedOut)
                Self.expectNoSecret(result, secrets, "plan --format \(format)")
                if password == Self.password {
                    #expect(result.status == 0, "\(result.stderr)")
                    #expect(result.stdout.contains("main-2"), "\(result.stdout)")
                } else {
                    #expect(result.status == 1, "\(result.stderr)")
                    #expect(
                        result.stderr.contains("401") || result.stderr.lowercased().contains("auth"), "\(result.stderr)"
                    )
                }
            }
            for arguments in [
                ["validate", "--repo", fixture.chart.path], ["check-image", image, "--strategy", "latest"],
                ["check-image", image, "--strategy", "latest", "--format", "json"],
            ] {
                let result = try await CLIRunner.run(arguments, environment: environment)
                runs += 1
                #expect(!result.crashed && !result.timedOut)
                Self.expectNoSecret(result, secrets, arguments.joined(separator: " "))
            }
        }
        print("security: \(runs) runs of the binary searched for \(Self.secrets(Self.password).count * 2) secret forms")
    }
}
