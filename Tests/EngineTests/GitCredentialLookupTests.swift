import GitClient
import Testing

@testable import Engine

@Suite("git credentials per forge")
struct GitCredentialLookupTests {
    private func user(_ credentials: GitCredentials) -> String? {
        if case .token(let username, _) = credentials { return username }
        return nil
    }

    @Test func builtInHostsUseTheirTokens() {
        let lookup = GitCredentialLookup(forges: [], environment: ["GITHUB_TOKEN": "gh", "GITLAB_TOKEN": "gl"])
        #expect(user(lookup.credentials(for: "https://github.com/o/r.git")) == "x-access-token")
        #expect(user(lookup.credentials(for: "https://gitlab.com/g/p.git")) == "oauth2")
        #expect(user(lookup.credentials(for: "https://example.com/o/r.git")) == nil)
    }

    @Test func configuredForgeUsesItsTokenVariable() {
        let forge = ForgeSettings(url: "https://git.example.com", type: .gitlab, tokenEnv: "MY_TOKEN")
        let lookup = GitCredentialLookup(forges: [forge], environment: ["MY_TOKEN": "t"])
        #expect(user(lookup.credentials(for: "https://git.example.com/g/p.git")) == "oauth2")
        let missing = GitCredentialLookup(forges: [forge], environment: [:])
        #expect(user(missing.credentials(for: "https://git.example.com/g/p.git")) == nil)
    }

    @Test func gitLabJobTokensUseTheCIUser() {
        let byVariable = GitCredentialLookup(
            forges: [], environment: ["GITLAB_TOKEN": "job-abc", "CI_JOB_TOKEN": "job-abc"])
        #expect(user(byVariable.credentials(for: "https://gitlab.com/g/p.git")) == "gitlab-ci-token")
        let byPrefix = GitCredentialLookup(forges: [], environment: ["GITLAB_TOKEN": "glcbt-123"])
        #expect(user(byPrefix.credentials(for: "https://gitlab.com/g/p.git")) == "gitlab-ci-token")
    }
}
