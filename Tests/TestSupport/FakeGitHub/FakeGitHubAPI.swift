import Foundation

/// The fake GitHub's REST API under `/api/v3`: authentication, injected failures, recording and OpenAPI
/// checks around the operations themselves (in the extensions beside this file).
struct FakeGitHubAPI: Sendable {
    static let prefix = "/api/v3"

    let store: FakeGitHubStore
    var json: FakeGitHubJSON
    let validator: OpenAPIValidator
    let git: BareRepositories
    let token: String?
    /// Login the token belongs to: author of pull requests, comments and reactions made through the API.
    let botLogin: String

    func handle(
        method: String, path: String, query: [String: String], headers: [String: String], body: Data
    ) async
        -> FakeGitHubAnswer
    {
        let apiPath = String(path.dropFirst(Self.prefix.count))
        let requestVerdict = validator.checkRequest(
            method: method, path: apiPath, query: query, body: body.isEmpty ? nil : body)
        let operation = validator.operation(method: method, path: apiPath)
        var answer: FakeGitHubAnswer
        if let refusal = await authorize(headers["authorization"], operation: operation) {
            answer = refusal
        } else if let operation,
            let failure = await store.takeFailure(
                for: operation.id,
                key: operation.pathParameters["owner"].flatMap { owner in
                    operation.pathParameters["repo"].map { FakeGitHubStore.key(owner, $0) }
                })
        {
            answer = FakeGitHubAnswer(
                status: failure.status, headers: failure.headers, body: json.basicError(failure.message))
            if let reset = failure.headers["x-ratelimit-reset"], let seconds = Int(reset) {
                answer.headers["x-ratelimit-reset"] = String(Int(Date().timeIntervalSince1970) + seconds)
            }
        } else if let operation, operation.id.hasPrefix("apps/") {
            answer = await dispatchApp(operation, authorization: headers["authorization"])
        } else if let operation {
            do {
                answer = try await dispatch(operation, query: query, body: body, path: apiPath)
            } catch {
                answer = FakeGitHubAnswer(status: 500, body: json.basicError("fake GitHub failed: \(error)"))
            }
        } else {
            answer = FakeGitHubAnswer(status: 404, body: json.basicError("Not Found"))
        }
        let responseVerdict = validator.checkResponse(
            method: method, path: apiPath, status: answer.status, body: answer.body?.data)
        let call = FakeGitHubCall(
            method: method, path: path, query: query, body: body.isEmpty ? nil : String(decoding: body, as: UTF8.self),
            status: answer.status, operationID: operation?.id ?? "")
        await store.record(
            call, problems: requestVerdict.problems + responseVerdict.problems,
            warnings: requestVerdict.warnings + responseVerdict.warnings)
        return answer
    }

    /// Whether the header carries the fake's fixed token (app tokens: `authorize` in FakeGitHubAPI+Apps).
    func isAuthorized(_ header: String?) -> Bool {
        guard let token else { return true }
        guard let header else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else { return false }
        return parts[1].trimmingCharacters(in: .whitespaces) == token
    }

    private func dispatch(
        _ operation: OpenAPIValidator.Operation, query: [String: String], body: Data, path: String
    ) async throws -> FakeGitHubAnswer {
        let parameters = operation.pathParameters
        guard let owner = parameters["owner"], let name = parameters["repo"],
            let repository = await store.repository(owner, name)
        else { return notFound() }
        let request = FakeGitHubRequest(
            repository: repository, key: FakeGitHubStore.key(owner, name), parameters: parameters, query: query,
            body: JSONValue.parse(body), path: path)
        switch operation.id {
        case "repos/get": return FakeGitHubAnswer(status: 200, body: json.repository(repository))
        case "pulls/list": return try await listPulls(request)
        case "pulls/create": return try await createPull(request)
        case "pulls/get": return try await getPull(request)
        case "pulls/update": return try await updatePull(request)
        case "pulls/request-reviewers": return try await requestReviewers(request)
        case "issues/add-labels": return try await addLabels(request)
        case "issues/add-assignees": return try await addAssignees(request)
        case "issues/list-comments-for-repo", "issues/list-comments": return await listComments(request)
        case "issues/create-comment": return await createComment(request)
        case "reactions/create-for-issue-comment": return await createReaction(request)
        case "reactions/list-for-issue-comment": return await listReactions(request)
        case "git/get-ref": return try await getRef(request)
        case "git/delete-ref": return try await deleteRef(request)
        case "repos/get-collaborator-permission-level": return permission(request)
        default:
            await store.addProblem("\(operation.id): documented but not implemented by the fake GitHub")
            return notFound()
        }
    }

    func notFound() -> FakeGitHubAnswer {
        FakeGitHubAnswer(status: 404, body: json.basicError("Not Found"))
    }

    /// One page of `items` with GitHub's `Link` header (`per_page` at most 100, default 30).
    func page(_ items: [JSONValue], _ request: FakeGitHubRequest) -> FakeGitHubAnswer {
        let perPage = min(max(Int(request.query["per_page"] ?? "") ?? 30, 1), 100)
        let page = max(Int(request.query["page"] ?? "") ?? 1, 1)
        let start = min((page - 1) * perPage, items.count)
        let slice = Array(items[start..<min(start + perPage, items.count)])
        var answer = FakeGitHubAnswer(status: 200, body: .array(slice))
        let lastPage = max((items.count + perPage - 1) / perPage, 1)
        func link(_ number: Int, _ relation: String) -> String {
            var query = request.query
            query["page"] = String(number)
            let text = query.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }
                .joined(separator: "&")
            return "<\(json.apiURL)\(request.path)?\(text)>; rel=\"\(relation)\""
        }
        var links: [String] = []
        if page < lastPage { links += [link(page + 1, "next"), link(lastPage, "last")] }
        if page > 1 { links += [link(1, "first"), link(page - 1, "prev")] }
        if !links.isEmpty { answer.headers["link"] = links.joined(separator: ", ") }
        return answer
    }

    private static func encode(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
