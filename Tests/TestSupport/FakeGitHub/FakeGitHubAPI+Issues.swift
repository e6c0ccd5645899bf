import Foundation

extension FakeGitHubAPI {
    func addLabels(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        guard let number = request.number("issue_number") else { return notFound() }
        // GitHub takes {"labels": [names or {name}]}, a bare array of either, or one string.
        let given: [JSONValue] =
            switch request.body {
            case .array(let items)?: items
            case .string(let name)?: [.string(name)]
            default: request.body?["labels"]?.arrayValue ?? []
            }
        let names = given.compactMap { $0.stringValue ?? $0["name"]?.stringValue }
        guard let labels = await store.addLabels(names, to: number, in: request.key),
            let repository = await store.repository(request.repository.owner, request.repository.name)
        else { return notFound() }
        let body = labels.map { json.label($0, id: repository.labels[$0] ?? 0, in: repository) }
        return FakeGitHubAnswer(status: 200, body: .array(body))
    }

    func addAssignees(_ request: FakeGitHubRequest) async throws -> FakeGitHubAnswer {
        guard let number = request.number("issue_number") else { return notFound() }
        let assignees = (request.body?["assignees"]?.arrayValue ?? []).compactMap(\.stringValue)
        let updated = await store.updatePull(number, in: request.key) { pull in
            for login in assignees where !pull.assignees.contains(login) { pull.assignees.append(login) }
        }
        guard let updated else { return notFound() }
        return FakeGitHubAnswer(status: 201, body: json.issue(updated, in: request.repository))
    }

    func listComments(_ request: FakeGitHubRequest) async -> FakeGitHubAnswer {
        var comments = await store.comments(in: request.key)
        if let number = request.number("issue_number") { comments = comments.filter { $0.issueNumber == number } }
        if let text = request.query["since"] {
            guard let since = try? Date(text, strategy: .iso8601) else {
                return FakeGitHubAnswer(
                    status: 422, body: json.validationError("invalid since", resource: "IssueComment", field: "since"))
            }
            comments = comments.filter { $0.updatedAt >= since }
        }
        let byUpdate = request.query["sort"] == "updated"
        comments.sort { byUpdate ? ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) : $0.id < $1.id }
        if request.query["sort"] != nil, request.query["direction"] == "desc" { comments.reverse() }
        return page(comments.map(json.comment), request)
    }

    func createComment(_ request: FakeGitHubRequest) async -> FakeGitHubAnswer {
        guard let number = request.number("issue_number"), let text = request.body?["body"]?.stringValue,
            let comment = await store.addComment(to: number, in: request.key, author: botLogin, body: text, at: Date())
        else { return notFound() }
        let body = json.comment(comment)
        return FakeGitHubAnswer(status: 201, headers: ["location": body["url"]?.stringValue ?? ""], body: body)
    }

    func createReaction(_ request: FakeGitHubRequest) async -> FakeGitHubAnswer {
        guard let id = request.number("comment_id"), let content = request.body?["content"]?.stringValue,
            let (reaction, isNew) = await store.react(to: id, in: request.key, user: botLogin, content: content)
        else { return notFound() }
        return FakeGitHubAnswer(status: isNew ? 201 : 200, body: json.reaction(reaction))
    }

    func listReactions(_ request: FakeGitHubRequest) async -> FakeGitHubAnswer {
        guard let id = request.number("comment_id"),
            let comment = await store.comments(in: request.key).first(where: { $0.id == id })
        else { return notFound() }
        return page(comment.reactions.map(json.reaction), request)
    }

    func permission(_ request: FakeGitHubRequest) -> FakeGitHubAnswer {
        guard let login = request.parameters["username"] else { return notFound() }
        let role =
            login.lowercased() == request.repository.owner.lowercased()
            ? "admin" : request.repository.collaborators[login] ?? "none"
        // `permission` has only admin/write/read/none; `role_name` keeps maintain and triage.
        let permission =
            switch role {
            case "maintain": "write"
            case "triage": "read"
            default: role
            }
        return FakeGitHubAnswer(
            status: 200,
            body: .object(["permission": .string(permission), "role_name": .string(role), "user": json.user(login)]))
    }
}
