import Foundation

extension FakeGitHubAPI {
    func getRef(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        guard let ref = request.parameters["ref"], ref.hasPrefix("heads/") else { return notFound() }
        let branch = String(ref.dropFirst("heads/".count))
        guard let sha = try await git.sha(of: branch, in: request.repository.gitDirectory) else { return notFound() }
        return FakeGitHubAnswer(status: 200, body: json.reference(ref, sha: sha, in: request.repository))
    }

    func deleteRef(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        guard let ref = request.parameters["ref"], ref.hasPrefix("heads/"),
            try await git.deleteBranch(String(ref.dropFirst("heads/".count)), in: request.repository.gitDirectory)
        else {
            return FakeGitHubAnswer(
                status: 422, body: .object(["message": "Reference does not exist", "documentation_url": ""]))
        }
        let branches = try await git.branches(in: request.repository.gitDirectory)
        await store.refresh(request.key, branches: branches)
        return FakeGitHubAnswer(status: 204)
    }
}
