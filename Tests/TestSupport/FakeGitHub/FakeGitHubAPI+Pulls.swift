import Foundation

extension FakeGitHubAPI {
    /// Pull requests with their head and base commits read from git first.
    private func refreshedPulls(_ request: FakeGitHubRequest) async throws -> [FakePullRecord] {
        let branches = try await git.branches(in: request.repository.gitDirectory)
        await store.refresh(request.key, branches: branches)
        return await store.pulls(in: request.key)
    }

    func listPulls(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        var pulls = try await refreshedPulls(request)
        let state = request.query["state"] ?? "open"
        if state != "all" { pulls = pulls.filter { $0.state == state } }
        if let head = request.query["head"] {
            let parts = head.split(separator: ":", maxSplits: 1).map(String.init)
            let (owner, branch) = parts.count == 2 ? (parts[0], parts[1]) : (request.repository.owner, head)
            pulls = pulls.filter { $0.head == branch && owner.lowercased() == request.repository.owner.lowercased() }
        }
        if let base = request.query["base"] { pulls = pulls.filter { $0.base == base } }
        let sort = request.query["sort"] ?? "created"
        pulls.sort { sort == "updated" ? $0.updatedAt < $1.updatedAt : $0.number < $1.number }
        // GitHub's default direction is descending, newest first.
        if request.query["direction"] != "asc" { pulls.reverse() }
        return page(pulls.map { json.pull($0, in: request.repository) }, request)
    }

    func createPull(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        guard var head = request.body?["head"]?.stringValue, let base = request.body?["base"]?.stringValue,
            let title = request.body?["title"]?.stringValue
        else {
            return FakeGitHubAnswer(
                status: 422, body: json.validationError("missing field", resource: "PullRequest", code: "missing_field")
            )
        }
        let ownerPrefix = request.repository.owner + ":"
        if head.lowercased().hasPrefix(ownerPrefix.lowercased()) { head = String(head.dropFirst(ownerPrefix.count)) }
        let branches = try await git.branches(in: request.repository.gitDirectory)
        guard let headSHA = branches[head] else {
            return FakeGitHubAnswer(
                status: 422, body: json.validationError("", resource: "PullRequest", field: "head", code: "invalid"))
        }
        guard let baseSHA = branches[base] else {
            return FakeGitHubAnswer(
                status: 422, body: json.validationError("", resource: "PullRequest", field: "base", code: "invalid"))
        }
        if headSHA == baseSHA {
            return FakeGitHubAnswer(
                status: 422,
                body: json.validationError("No commits between \(base) and \(head)", resource: "PullRequest"))
        }
        await store.refresh(request.key, branches: branches)
        let result = await store.createPull(
            in: request.key, title: title, body: request.body?["body"]?.stringValue, head: head, base: base,
            draft: request.body?["draft"]?.boolValue ?? false, author: botLogin, headSHA: headSHA, baseSHA: baseSHA)
        switch result {
        case .success(let pull):
            let body = json.pull(pull, in: request.repository)
            return FakeGitHubAnswer(status: 201, headers: ["location": body["url"]?.stringValue ?? ""], body: body)
        case .failure(let refusal):
            let message = refusal.description.replacingOccurrences(of: "fake GitHub: ", with: "")
            return FakeGitHubAnswer(status: 422, body: json.validationError(message, resource: "PullRequest"))
        }
    }

    func getPull(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        _ = try await refreshedPulls(request)
        guard let number = request.number("pull_number"), let pull = await store.pull(number, in: request.key) else {
            return notFound()
        }
        return FakeGitHubAnswer(status: 200, body: json.pull(pull, in: request.repository))
    }

    func updatePull(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        _ = try await refreshedPulls(request)
        guard let number = request.number("pull_number") else { return notFound() }
        let title = request.body?["title"]?.stringValue
        let body = request.body?["body"]?.stringValue
        let state = request.body?["state"]?.stringValue
        let base = request.body?["base"]?.stringValue
        let updated = await store.updatePull(number, in: request.key) { pull in
            if let title { pull.title = title }
            if let body { pull.body = body }
            if let base { pull.base = base }
            if let state, state != pull.state, !pull.merged {
                pull.state = state
                pull.closedAt = state == "closed" ? Date() : nil
            }
        }
        guard let updated else { return notFound() }
        return FakeGitHubAnswer(status: 200, body: json.pull(updated, in: request.repository))
    }

    func requestReviewers(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        guard let number = request.number("pull_number"), let pull = await store.pull(number, in: request.key) else {
            return notFound()
        }
        let reviewers = (request.body?["reviewers"]?.arrayValue ?? []).compactMap(\.stringValue)
        if reviewers.contains(pull.author) {
            // The description documents this 422 without a body.
            return FakeGitHubAnswer(status: 422)
        }
        let updated = await store.updatePull(number, in: request.key) { pull in
            for reviewer in reviewers where !pull.reviewers.contains(reviewer) { pull.reviewers.append(reviewer) }
        }
        guard let updated else { return notFound() }
        return FakeGitHubAnswer(status: 201, body: json.pull(updated, in: request.repository))
    }
}
