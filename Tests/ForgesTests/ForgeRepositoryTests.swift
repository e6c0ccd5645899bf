import Forges
import Testing

@Suite("Forge repositories and endpoints")
struct ForgeRepositoryTests {
    static let enterprise = ForgeEndpoint(url: "https://ghe.example.com/", kind: .github, token: "secret-token")
    static let selfHosted = ForgeEndpoint(url: "http://git.example.com:8080/gitlab", kind: .gitlab)

    @Test(arguments: [
        (
            "https://github.com/octo/charts.git", "octo/charts", "https://api.github.com",
            "https://github.com/octo/charts.git"
        ),
        (
            "https://github.com/octo/charts", "octo/charts", "https://api.github.com",
            "https://github.com/octo/charts.git"
        ),
        (
            "git@github.com:octo/charts.git", "octo/charts", "https://api.github.com",
            "https://github.com/octo/charts.git"
        ),
        (
            "ssh://git@github.com/octo/charts.git", "octo/charts", "https://api.github.com",
            "https://github.com/octo/charts.git"
        ),
        (
            "https://user:pw@ghe.example.com/team/app.git", "team/app", "https://ghe.example.com/api/v3",
            "https://ghe.example.com/team/app.git"
        ),
        (
            "https://gitlab.com/group/sub/project.git", "group/sub/project", "https://gitlab.com/api/v4",
            "https://gitlab.com/group/sub/project.git"
        ),
        (
            "http://git.example.com:8080/gitlab/platform/charts", "platform/charts",
            "http://git.example.com:8080/gitlab/api/v4", "http://git.example.com:8080/gitlab/platform/charts.git"
        ),
    ])
    func parse(url: String, path: String, api: String, clone: String) throws {
        let repository = try ForgeRepository.parse(repoURL: url, forges: [Self.enterprise, Self.selfHosted])
        #expect(repository.path == path)
        #expect(repository.apiBaseURL == api)
        #expect(repository.cloneURL == clone)
    }

    @Test(arguments: [
        "https://unknown.example.com/a/b.git", "https://github.com/octo", "https://github.com/a/b/c",
        "/local/path", "file:///tmp/repo", "https://github.com/octo/../x", "",
    ])
    func refuse(url: String) {
        #expect(throws: ForgeError.self) {
            try ForgeRepository.parse(repoURL: url, forges: [Self.enterprise])
        }
    }

    @Test func errorsHideUserInfo() throws {
        let error = try #require(throws: ForgeError.self) {
            try ForgeRepository.parse(repoURL: "https://me:hunter2@nowhere.example/a/b", forges: [])
        }
        #expect(!"\(error)".contains("hunter2"))
    }

    @Test func endpointsKeepTokensOutOfDescriptions() {
        #expect(!"\(Self.enterprise)".contains("secret-token"))
        #expect(Self.enterprise.apiBaseURL == "https://ghe.example.com/api/v3")
        #expect(ForgeEndpoint.gitHub().apiBaseURL == "https://api.github.com")
        let repository = ForgeRepository(kind: .github, path: "team/app", endpoint: Self.enterprise)
        let credentials = GitHubForge(endpoint: Self.enterprise).gitCredentials(for: repository)
        #expect(credentials == ForgeCredentials(username: "x-access-token", password: "secret-token"))
        #expect("\(credentials!)" == "x-access-token:***")
    }

    @Test(arguments: [(10, AccessLevel.read), (20, .read), (30, .write), (40, .maintain), (50, .admin), (0, .none)])
    func gitLabAccessLevels(level: Int, expected: AccessLevel) {
        #expect(AccessLevel(gitLabAccessLevel: level) == expected)
        #expect(AccessLevel(gitLabAccessLevel: level).canWrite == (level >= 30))
    }
}
