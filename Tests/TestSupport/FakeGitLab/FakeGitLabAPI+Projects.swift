import Foundation

extension FakeGitLabAPI {
    func member(_ request: FakeGitLabRequest, inherited: Bool) async -> FakeGitLabAnswer {
        guard let project = request.project, let id = request.number("user_id"), let user = await store.user(id: id)
        else { return .notFound("Member") }
        let level = inherited ? await store.effectiveLevel(of: id, in: project) : project.members[id]
        guard let level else { return .notFound("Member") }
        return FakeGitLabAnswer(status: 200, json: json.member(user, level: level, creator: request.caller))
    }

    func getBranch(_ request: FakeGitLabRequest) async throws -> FakeGitLabAnswer {
        guard let project = request.project, let branch = request.parameters["branch"],
            let sha = try await git.sha(of: branch, in: project.gitDirectory)
        else { return .notFound("Branch") }
        return FakeGitLabAnswer(status: 200, json: json.branch(branch, sha: sha, in: project))
    }

    func deleteBranch(_ request: FakeGitLabRequest) async throws -> FakeGitLabAnswer {
        guard let project = request.project, let branch = request.parameters["branch"] else {
            return .notFound("Branch")
        }
        if branch == project.defaultBranch { return .message(400, "The default branch of a project cannot be deleted") }
        guard try await git.deleteBranch(branch, in: project.gitDirectory) else { return .notFound("Branch") }
        return FakeGitLabAnswer(status: 204)
    }

    func listUsers(_ request: FakeGitLabRequest) async -> FakeGitLabAnswer {
        if request.query["search"] != nil {
            await store.addProblem("\(request.route.name): `search` is documented but not implemented by the fake")
        }
        guard let username = request.query["username"] else { return await page([], request) }
        let found = await store.existingUser(named: username).map { [json.user($0)] } ?? []
        return await page(found, request)
    }

    func getUser(_ request: FakeGitLabRequest) async -> FakeGitLabAnswer {
        guard let id = request.number("user_id"), let user = await store.user(id: id) else {
            return .notFound("User")
        }
        return FakeGitLabAnswer(status: 200, json: json.user(user))
    }
}
