import Foundation

/// The fake GitLab's REST API under `/api/v4`: routing, request checks, authentication, injected failures,
/// pagination headers and recording around the operations themselves (in the extensions beside this file).
struct FakeGitLabAPI: Sendable {
    static let prefix = "/api/v4"

    let store: FakeGitLabStore
    let json: FakeGitLabJSON
    let git: BareRepositories
    let token: String
    let jobToken: String?
    let botUsername: String
    /// The instance's path prefix (`/gitlab`), or empty.
    let pathPrefix: String

    func handle(
        method: String, apiPath: String, query: [String: String], headers: [String: String], body: Data
    ) async -> FakeGitLabAnswer {
        let segments = apiPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let found = FakeGitLabRoute.find(method: method, segments: segments)
        var problems: [String] = []
        let parsedBody = body.isEmpty ? nil : JSONValue.parse(body)
        if !body.isEmpty, parsedBody == nil { problems.append("\(method) \(apiPath): the body is not JSON") }
        var answer: FakeGitLabAnswer
        if let (route, parameters) = found {
            problems += FakeGitLabChecks.check(route, query: query, body: parsedBody)
            answer = await respond(route, parameters, query, headers, parsedBody, apiPath)
        } else {
            problems.append("\(method) \(apiPath): not a documented endpoint")
            answer = FakeGitLabAnswer(status: 404, json: .object(["error": "404 Not Found"]))
        }
        let observed = await store.calls.count + 1
        answer.headers.merge([
            "RateLimit-Limit": "2000", "RateLimit-Name": "throttle_authenticated_api",
            "RateLimit-Observed": String(observed), "RateLimit-Remaining": String(max(2000 - observed, 0)),
            "RateLimit-Reset": String(Int(Date().timeIntervalSince1970) + 60),
        ]) { injected, _ in injected }
        let call = FakeGitLabCall(
            method: method, path: pathPrefix + Self.prefix + apiPath, query: query,
            body: body.isEmpty ? nil : String(decoding: body, as: UTF8.self), status: answer.status,
            route: found?.0.name ?? "", headers: headers)
        await store.record(call, problems: problems)
        return answer
    }

    private func respond(
        _ route: FakeGitLabRoute, _ parameters: [String: String], _ query: [String: String],
        _ headers: [String: String], _ body: JSONValue?, _ apiPath: String
    ) async -> FakeGitLabAnswer {
        guard isAuthorized(headers, route) else { return .message(401, "401 Unauthorized") }
        if let failure = await store.takeFailure(for: route.name, project: parameters["id"]) {
            if let message = failure.message {
                return FakeGitLabAnswer(
                    status: failure.status, headers: failure.headers, json: .object(["message": .string(message)]))
            }
            return FakeGitLabAnswer(status: failure.status, headers: failure.headers, text: failure.text)
        }
        if route.required.contains(where: { body?[$0] == nil }) {
            let missing = route.required.sorted().filter { body?[$0] == nil }
            return FakeGitLabAnswer(status: 400, json: .object(["error": .string("\(missing[0]) is missing")]))
        }
        var project: FakeProjectRecord?
        if let id = parameters["id"] {
            project = await store.project(id)
            if project == nil { return .notFound("Project") }
        }
        let request = FakeGitLabRequest(
            route: route, project: project, parameters: parameters, query: query, body: body, apiPath: apiPath,
            caller: await store.user(named: botUsername))
        do {
            return try await dispatch(request)
        } catch {
            return .message(500, "500 Internal Server Error (fake GitLab: \(error))")
        }
    }

    /// `PRIVATE-TOKEN` or `Authorization: Bearer` with the token; `JOB-TOKEN` only where job tokens may go.
    private func isAuthorized(_ headers: [String: String], _ route: FakeGitLabRoute) -> Bool {
        if headers["private-token"] == token { return true }
        if let authorization = headers["authorization"], authorization.lowercased().hasPrefix("bearer "),
            authorization.dropFirst(7).trimmingCharacters(in: .whitespaces) == token
        {
            return true
        }
        if let jobToken, headers["job-token"] == jobToken { return route.jobToken }
        return false
    }

    private func dispatch(_ request: FakeGitLabRequest) async throws -> FakeGitLabAnswer {
        switch request.route.name {
        case "GET /projects/:id/merge_requests": return try await listMergeRequests(request)
        case "GET /projects/:id/merge_requests/:merge_request_iid": return try await getMergeRequest(request)
        case "POST /projects/:id/merge_requests": return try await createMergeRequest(request)
        case "PUT /projects/:id/merge_requests/:merge_request_iid": return try await updateMergeRequest(request)
        case "GET /projects/:id/merge_requests/:merge_request_iid/notes": return await listNotes(request)
        case "GET /projects/:id/merge_requests/:merge_request_iid/notes/:note_id": return await getNote(request)
        case "POST /projects/:id/merge_requests/:merge_request_iid/notes": return await createNote(request)
        case "GET /projects/:id/merge_requests/:merge_request_iid/notes/:note_id/award_emoji":
            return await listAwards(request)
        case "POST /projects/:id/merge_requests/:merge_request_iid/notes/:note_id/award_emoji":
            return await createAward(request)
        case "GET /projects/:id/members/all/:user_id": return await member(request, inherited: true)
        case "GET /projects/:id/members/:user_id": return await member(request, inherited: false)
        case "GET /projects/:id/repository/branches/:branch": return try await getBranch(request)
        case "DELETE /projects/:id/repository/branches/:branch": return try await deleteBranch(request)
        case "GET /user": return FakeGitLabAnswer(status: 200, json: json.user(request.caller))
        case "GET /users": return await listUsers(request)
        case "GET /users/:user_id": return await getUser(request)
        default:
            await store.addProblem("\(request.route.name): documented but not implemented by the fake GitLab")
            return .notFound("")
        }
    }

    /// One page of `items` with GitLab's offset-pagination headers (`per_page` default 20, at most 100).
    func page(_ items: [JSONValue], _ request: FakeGitLabRequest) async -> FakeGitLabAnswer {
        let perPage = min(max(Int(request.query["per_page"] ?? "") ?? 20, 1), 100)
        let page = max(Int(request.query["page"] ?? "") ?? 1, 1)
        let start = min((page - 1) * perPage, items.count)
        let totalPages = max((items.count + perPage - 1) / perPage, 1)
        var answer = FakeGitLabAnswer(
            status: 200, json: .array(Array(items[start..<min(start + perPage, items.count)])))
        answer.headers = [
            "x-total": String(items.count), "x-total-pages": String(totalPages), "x-page": String(page),
            "x-per-page": String(perPage), "x-next-page": page < totalPages ? String(page + 1) : "",
            "x-prev-page": page > 1 ? String(page - 1) : "",
        ]
        guard await store.linkHeaders else { return answer }
        func link(_ number: Int, _ relation: String) -> String {
            var query = request.query
            query["page"] = String(number)
            let text = query.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }
                .joined(separator: "&")
            return "<\(json.webURL)\(Self.prefix)\(request.apiPath)?\(text)>; rel=\"\(relation)\""
        }
        var links: [String] = []
        if page > 1 { links.append(link(page - 1, "prev")) }
        if page < totalPages { links.append(link(page + 1, "next")) }
        links += [link(1, "first"), link(totalPages, "last")]
        answer.headers["Link"] = links.joined(separator: ", ")
        return answer
    }

    private static func encode(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
