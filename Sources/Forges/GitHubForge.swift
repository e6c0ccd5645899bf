import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// GitHub (github.com or GitHub Enterprise Server) through its REST API.
///
/// One instance serves the repositories of one `ForgeEndpoint`; its token is sent to that endpoint's API only.
public struct GitHubForge: Forge {
    private let endpoint: ForgeEndpoint
    private let rest: RESTClient
    private let tokenProvider: (any ForgeTokenProvider)?

    public init(
        endpoint: ForgeEndpoint, httpClient: HTTPClient = .shared, options: ForgeHTTPOptions = ForgeHTTPOptions(),
        logger: Logger = Logger(label: "argocd-image-pr.forge.github")
    ) {
        self.endpoint = endpoint
        self.rest = RESTClient(
            httpClient: httpClient, options: options, logger: logger, apiBaseURL: endpoint.apiBaseURL,
            authHeaders: endpoint.token.map { [("Authorization", "Bearer \($0)")] } ?? [],
            extraHeaders: [("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28")],
            secret: endpoint.token)
        self.tokenProvider = endpoint.tokenProvider
    }

    public func pullRequests(
        in repository: ForgeRepository, headPrefix: String, state: PullRequestState?
    ) async throws -> [PullRequest] {
        let rest = try await client(for: repository)
        let operation = "GitHub list pull requests"
        let listState =
            switch state {
            case .open: "open"
            case .closed, .merged: "closed"
            case nil: "all"
            }
        let url = try self.url(repository, operation, ["pulls"], ["state": listState, "per_page": rest.pageSize])
        var result: [PullRequest] = []
        for page in try await rest.pages(url, operation: operation, repository: repository.path) {
            let pulls = try decode([GitHubPayloads.Pull].self, page, operation, repository)
            for pull in pulls where pull.head.ref.hasPrefix(headPrefix) {
                // A fork's branch may carry the same name; only the repository's own branches are the bot's.
                guard pull.head.repo?.full_name.lowercased() == repository.path.lowercased() else { continue }
                let mapped = pull.pullRequest
                if state == nil || mapped.state == state { result.append(mapped) }
            }
        }
        return result
    }

    public func createPullRequest(_ request: NewPullRequest, in repository: ForgeRepository) async throws -> PullRequest
    {
        let rest = try await client(for: repository)
        let operation = "GitHub create pull request"
        let url = try self.url(repository, operation, ["pulls"])
        let json = GitHubPayloads.encode([
            "title": request.title, "body": request.body, "head": request.head, "base": request.base,
            "draft": request.draft,
        ])
        let response = try await rest.send(.POST, url, json: json, operation: operation, repository: repository.path)
        switch response.status {
        case 200..<300: break
        case 422 where response.serverMessage.lowercased().contains("already exists"):
            throw ForgeError.pullRequestExists(
                operation, repository.path, head: request.head, message: rest.scrub(response.serverMessage))
        case 403:
            throw ForgeError.createForbidden(operation, repository.path, message: rest.scrub(response.serverMessage))
        default:
            throw rest.failure(response, operation, repository.path)
        }
        var created = try decode(GitHubPayloads.Pull.self, response.body, operation, repository).pullRequest
        if !request.labels.isEmpty {
            created.labels = try await addLabelsReturningAll(request.labels, to: created.number, in: repository)
        }
        do {
            try await requestReviewers(request.reviewers, on: created.number, in: repository)
            try await addAssignees(request.assignees, to: created.number, in: repository)
        } catch {
            // The pull request exists; a reviewer who cannot be asked must not make the run open another.
            rest.logger.warning(
                "could not request reviewers or assignees",
                metadata: ["forge.repository": "\(repository.path)", "forge.error": "\(error)"])
        }
        return created
    }

    public func updatePullRequest(
        number: Int, title: String?, body: String?, in repository: ForgeRepository
    ) async throws -> PullRequest {
        let rest = try await client(for: repository)
        let operation = "GitHub update pull request #\(number)"
        var fields: [String: Any] = [:]
        if let title { fields["title"] = title }
        if let body { fields["body"] = body }
        let url = try self.url(repository, operation, ["pulls", String(number)])
        let response = try await rest.expectSuccess(
            .PATCH, url, json: GitHubPayloads.encode(fields), operation: operation, repository: repository.path)
        return try decode(GitHubPayloads.Pull.self, response.body, operation, repository).pullRequest
    }

    public func closePullRequest(number: Int, comment: String?, in repository: ForgeRepository) async throws {
        let rest = try await client(for: repository)
        if let comment { try await self.comment(on: number, body: comment, in: repository) }
        let operation = "GitHub close pull request #\(number)"
        let url = try self.url(repository, operation, ["pulls", String(number)])
        _ = try await rest.expectSuccess(
            .PATCH, url, json: GitHubPayloads.encode(["state": "closed"]), operation: operation,
            repository: repository.path)
    }

    public func addLabels(_ labels: [String], to number: Int, in repository: ForgeRepository) async throws {
        guard !labels.isEmpty else { return }
        _ = try await addLabelsReturningAll(labels, to: number, in: repository)
    }

    public func requestReviewers(_ reviewers: [String], on number: Int, in repository: ForgeRepository) async throws {
        guard !reviewers.isEmpty else { return }
        let rest = try await client(for: repository)
        let operation = "GitHub request reviewers on #\(number)"
        let url = try self.url(repository, operation, ["pulls", String(number), "requested_reviewers"])
        _ = try await rest.expectSuccess(
            .POST, url, json: GitHubPayloads.encode(["reviewers": reviewers]), operation: operation,
            repository: repository.path)
    }

    public func addAssignees(_ assignees: [String], to number: Int, in repository: ForgeRepository) async throws {
        guard !assignees.isEmpty else { return }
        let rest = try await client(for: repository)
        let operation = "GitHub add assignees to #\(number)"
        let url = try self.url(repository, operation, ["issues", String(number), "assignees"])
        _ = try await rest.expectSuccess(
            .POST, url, json: GitHubPayloads.encode(["assignees": assignees]), operation: operation,
            repository: repository.path)
    }

    public func comment(on number: Int, body: String, in repository: ForgeRepository) async throws {
        let rest = try await client(for: repository)
        let operation = "GitHub comment on #\(number)"
        let url = try self.url(repository, operation, ["issues", String(number), "comments"])
        _ = try await rest.expectSuccess(
            .POST, url, json: GitHubPayloads.encode(["body": body]), operation: operation, repository: repository.path)
    }

    public func deleteBranch(_ name: String, in repository: ForgeRepository) async throws {
        let rest = try await client(for: repository)
        let operation = "GitHub delete branch \(name)"
        let url = try self.url(
            repository, operation, ["git", "refs", "heads"] + name.split(separator: "/").map(String.init))
        let response = try await rest.send(.DELETE, url, operation: operation, repository: repository.path)
        // 422 "Reference does not exist": someone (or an earlier run) deleted it already.
        guard response.isSuccess || response.status == 422 || response.status == 404 else {
            throw rest.failure(response, operation, repository.path)
        }
    }

    public func comments(in repository: ForgeRepository, since: Date?) async throws -> [ForgeComment] {
        let rest = try await client(for: repository)
        let operation = "GitHub list comments"
        var query = ["sort": "updated", "direction": "asc", "per_page": rest.pageSize]
        if let since { query["since"] = since.formatted(.iso8601) }
        let url = try self.url(repository, operation, ["issues", "comments"], query)
        var result: [ForgeComment] = []
        for page in try await rest.pages(url, operation: operation, repository: repository.path) {
            result += try decode([GitHubPayloads.Comment].self, page, operation, repository).compactMap(\.comment)
        }
        return result
    }

    public func permission(of user: String, in repository: ForgeRepository) async throws -> AccessLevel {
        let rest = try await client(for: repository)
        let operation = "GitHub read permission of \(user)"
        let url = try self.url(repository, operation, ["collaborators", user, "permission"])
        let response = try await rest.send(.GET, url, operation: operation, repository: repository.path)
        if response.status == 404 { return .none }
        guard response.isSuccess else { throw rest.failure(response, operation, repository.path) }
        let answer = try decode(GitHubPayloads.Permission.self, response.body, operation, repository)
        // `permission` folds maintain into write and triage into read; `role_name` keeps them apart.
        let fromRole = answer.role_name.map(AccessLevel.init(gitHubPermission:)) ?? .none
        return max(AccessLevel(gitHubPermission: answer.permission), fromRole)
    }

    public func react(to comment: ForgeComment, with reaction: Reaction, in repository: ForgeRepository) async throws {
        let rest = try await client(for: repository)
        let operation = "GitHub react to comment \(comment.id)"
        let url = try self.url(repository, operation, ["issues", "comments", String(comment.id), "reactions"])
        _ = try await rest.expectSuccess(
            .POST, url, json: GitHubPayloads.encode(["content": reaction.gitHubContent]), operation: operation,
            repository: repository.path)
    }

    /// The endpoint's fixed token as git credentials; nil when tokens come from a provider, which only
    /// `currentGitCredentials(for:)` can ask.
    public func gitCredentials(for repository: ForgeRepository) -> ForgeCredentials? {
        guard repository.endpointURL == endpoint.url, let token = endpoint.token else { return nil }
        return ForgeCredentials(username: "x-access-token", password: token)
    }

    /// Git credentials good for the next few minutes: a GitHub App installation token (minted or cached) when
    /// the endpoint has a token provider, else the fixed token. Both go as `x-access-token:<token>`.
    public func currentGitCredentials(for repository: ForgeRepository) async throws -> ForgeCredentials? {
        guard let tokenProvider else { return gitCredentials(for: repository) }
        guard repository.endpointURL == endpoint.url else { return nil }
        return ForgeCredentials(username: "x-access-token", password: try await tokenProvider.token(for: repository))
    }

    /// The REST client for `repository`: the one with the fixed token, or one carrying the provider's current
    /// token (a repository of another endpoint gets the fixed one, and `url` then refuses it).
    private func client(for repository: ForgeRepository) async throws -> RESTClient {
        guard let tokenProvider, repository.apiBaseURL == endpoint.apiBaseURL, repository.kind == .github else {
            return rest
        }
        let token = try await tokenProvider.token(for: repository)
        return RESTClient(
            httpClient: rest.httpClient, options: rest.options, logger: rest.logger, apiBaseURL: rest.apiBaseURL,
            authHeaders: [("Authorization", "Bearer \(token)")], extraHeaders: rest.extraHeaders, secret: token)
    }

    private func addLabelsReturningAll(
        _ labels: [String], to number: Int, in repository: ForgeRepository
    ) async throws -> [String] {
        let rest = try await client(for: repository)
        let operation = "GitHub add labels to #\(number)"
        let url = try self.url(repository, operation, ["issues", String(number), "labels"])
        let response = try await rest.expectSuccess(
            .POST, url, json: GitHubPayloads.encode(["labels": labels]), operation: operation,
            repository: repository.path)
        return try decode([GitHubPayloads.Label].self, response.body, operation, repository).map(\.name)
    }

    /// `<api>/repos/<owner>/<name>/<segments…>?<query>`, each segment percent-encoded.
    private func url(
        _ repository: ForgeRepository, _ operation: String, _ segments: [String], _ query: [String: String] = [:]
    ) throws -> String {
        guard repository.apiBaseURL == endpoint.apiBaseURL, repository.kind == .github else {
            throw ForgeError.wrongEndpoint(operation, repository, expected: endpoint.apiBaseURL)
        }
        let path = ([repository.owner, repository.name] + segments).map(URLEncoding.pathSegment).joined(separator: "/")
        var url = endpoint.apiBaseURL + "/repos/" + path
        if !query.isEmpty {
            url +=
                "?"
                + query.sorted { $0.key < $1.key }.map { "\($0.key)=\(URLEncoding.queryValue($0.value))" }
                .joined(separator: "&")
        }
        return url
    }

    private func decode<T: Decodable>(
        _ type: T.Type, _ data: Data, _ operation: String, _ repository: ForgeRepository
    ) throws -> T {
        do {
            return try GitHubPayloads.decode(type, from: data)
        } catch {
            throw ForgeError.invalidResponse(operation, repository.path, "unexpected JSON: \(rest.scrub("\(error)"))")
        }
    }
}
