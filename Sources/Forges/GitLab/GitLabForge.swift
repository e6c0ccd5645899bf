import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// GitLab (gitlab.com or a self-managed instance, also under a path prefix) through its REST API v4.
///
/// One instance serves the projects of one `ForgeEndpoint`; its token is sent to that endpoint's API only, as
/// `PRIVATE-TOKEN` (personal, project or group access token). A CI/CD job token is recognised — it equals
/// `$CI_JOB_TOKEN` or starts with `glcbt-` — and used for reads only: every write fails at once with an error
/// naming the token type that is needed.
public struct GitLabForge: Forge {
    let endpoint: ForgeEndpoint
    let rest: RESTClient
    /// The token is a CI/CD job token, which may read merge requests and notes but not write anything.
    let isJobToken: Bool

    /// - Parameter environment: where `CI_JOB_TOKEN` and `GITLAB_CI` are looked up (default: the process's).
    public init(
        endpoint: ForgeEndpoint, httpClient: HTTPClient = .shared, options: ForgeHTTPOptions = ForgeHTTPOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "argocd-image-pr.forge.gitlab")
    ) {
        self.endpoint = endpoint
        let token = endpoint.token
        let isJobToken = token.map { $0 == environment["CI_JOB_TOKEN"] || $0.hasPrefix("glcbt-") } ?? false
        self.isJobToken = isJobToken
        let header = isJobToken ? "JOB-TOKEN" : "PRIVATE-TOKEN"
        let inCI = environment["GITLAB_CI"] != nil || environment["CI_JOB_TOKEN"] != nil
        self.rest = RESTClient(
            httpClient: httpClient, options: options, logger: logger, apiBaseURL: endpoint.apiBaseURL,
            authHeaders: token.map { [(header, $0)] } ?? [], extraHeaders: [("Accept", "application/json")],
            secret: token, unauthorizedHint: isJobToken || inCI ? ForgeError.jobTokenAdvice : nil)
    }

    public func pullRequests(
        in repository: ForgeRepository, headPrefix: String, state: PullRequestState?
    ) async throws -> [PullRequest] {
        let operation = "GitLab list merge requests"
        let listState =
            switch state {
            case .open: "opened"
            case .closed: "closed"
            case .merged: "merged"
            case nil: "all"
            }
        let url = try projectURL(
            repository, operation, ["merge_requests"], ["state": listState, "per_page": rest.pageSize])
        var result: [PullRequest] = []
        for page in try await rest.pages(url, operation: operation, repository: repository.path) {
            let requests = try decode([GitLabPayloads.MergeRequest].self, page, operation, repository)
            // A fork's branch may carry the same name; only the project's own branches are the bot's.
            for request in requests
            where request.source_branch.hasPrefix(headPrefix) && request.source_project_id == request.target_project_id
            {
                let mapped = request.pullRequest
                if state == nil || mapped.state == state { result.append(mapped) }
            }
        }
        return result
    }

    public func createPullRequest(_ request: NewPullRequest, in repository: ForgeRepository) async throws -> PullRequest
    {
        let operation = "GitLab create merge request"
        try refuseJobToken(operation, repository)
        let url = try projectURL(repository, operation, ["merge_requests"])
        var fields: [String: Any] = [
            "source_branch": request.head, "target_branch": request.base, "description": request.body,
            "title": request.draft ? DraftTitle.adding(to: request.title) : request.title,
        ]
        if !request.labels.isEmpty { fields["labels"] = request.labels.joined(separator: ",") }
        // A user who cannot be found must not keep the merge request from opening.
        let assignees = await userIDsOrNone(request.assignees, repository, operation)
        let reviewers = await userIDsOrNone(request.reviewers, repository, operation)
        if !assignees.isEmpty { fields["assignee_ids"] = assignees }
        if !reviewers.isEmpty { fields["reviewer_ids"] = reviewers }
        let response = try await rest.send(
            .POST, url, json: GitLabPayloads.encode(fields), operation: operation, repository: repository.path)
        switch response.status {
        case 200..<300: break
        case 409 where response.serverMessage.lowercased().contains("already exists"):
            throw ForgeError.pullRequestExists(
                operation, repository.path, head: request.head, message: rest.scrub(response.serverMessage),
                status: 409, noun: "merge request")
        case 403:
            throw ForgeError.mergeRequestCreateForbidden(
                operation, repository.path, message: rest.scrub(response.serverMessage))
        default:
            throw rest.failure(response, operation, repository.path)
        }
        return try decode(GitLabPayloads.MergeRequest.self, response.body, operation, repository).pullRequest
    }

    public func updatePullRequest(
        number: Int, title: String?, body: String?, in repository: ForgeRepository
    ) async throws -> PullRequest {
        let operation = "GitLab update merge request !\(number)"
        try refuseJobToken(operation, repository)
        var fields: [String: Any] = [:]
        if let title {
            // The draft marker lives in the title: keep a draft a draft, and a ready one ready.
            let current = try await mergeRequest(number, repository, operation)
            fields["title"] = current.isDraft ? DraftTitle.adding(to: title) : title
        }
        if let body { fields["description"] = body }
        guard !fields.isEmpty else { return try await mergeRequest(number, repository, operation).pullRequest }
        let url = try projectURL(repository, operation, ["merge_requests", String(number)])
        let response = try await rest.expectSuccess(
            .PUT, url, json: GitLabPayloads.encode(fields), operation: operation, repository: repository.path)
        return try decode(GitLabPayloads.MergeRequest.self, response.body, operation, repository).pullRequest
    }

    public func closePullRequest(number: Int, comment: String?, in repository: ForgeRepository) async throws {
        let operation = "GitLab close merge request !\(number)"
        try refuseJobToken(operation, repository)
        if let comment { try await self.comment(on: number, body: comment, in: repository) }
        try await put(["state_event": "close"], on: number, repository, operation)
    }

    public func deleteBranch(_ name: String, in repository: ForgeRepository) async throws {
        let operation = "GitLab delete branch \(name)"
        try refuseJobToken(operation, repository)
        let url = try projectURL(repository, operation, ["repository", "branches", name])
        let response = try await rest.send(.DELETE, url, operation: operation, repository: repository.path)
        // 404 "Branch Not Found": someone (or an earlier run) deleted it already.
        guard response.isSuccess || response.status == 404 else {
            throw rest.failure(response, operation, repository.path)
        }
    }

    /// Why this client can write nothing to the repository (its token is a CI/CD job token), nil when it may try;
    /// lets a caller refuse before pushing a branch no merge request could follow.
    public func writeRefusal(for repository: ForgeRepository) -> ForgeError? {
        isJobToken ? ForgeError.jobToken("GitLab create merge request", repository.path) : nil
    }

    public func gitCredentials(for repository: ForgeRepository) -> ForgeCredentials? {
        guard repository.endpointURL == endpoint.url, let token = endpoint.token else { return nil }
        return ForgeCredentials(username: isJobToken ? "gitlab-ci-token" : "oauth2", password: token)
    }
}
