import Foundation

/// URLs, decoding and the few requests several operations share.
extension GitLabForge {
    /// `<api>/projects/<url-encoded path>/<segments…>?<query>`, each segment percent-encoded (a branch's `/` too).
    func projectURL(
        _ repository: ForgeRepository, _ operation: String, _ segments: [String], _ query: [String: String] = [:]
    ) throws -> String {
        guard repository.apiBaseURL == endpoint.apiBaseURL, repository.kind == .gitlab else {
            throw ForgeError.wrongEndpoint(operation, repository, expected: endpoint.apiBaseURL)
        }
        return apiURL(["projects", repository.path] + segments, query)
    }

    func apiURL(_ segments: [String], _ query: [String: String] = [:]) -> String {
        var url = endpoint.apiBaseURL + "/" + segments.map(URLEncoding.pathSegment).joined(separator: "/")
        if !query.isEmpty {
            url +=
                "?"
                + query.sorted { $0.key < $1.key }.map { "\($0.key)=\(URLEncoding.queryValue($0.value))" }
                .joined(separator: "&")
        }
        return url
    }

    func decode<T: Decodable>(
        _ type: T.Type, _ data: Data, _ operation: String, _ repository: ForgeRepository
    ) throws -> T {
        do {
            return try GitLabPayloads.decode(type, from: data)
        } catch {
            throw ForgeError.invalidResponse(operation, repository.path, "unexpected JSON: \(rest.scrub("\(error)"))")
        }
    }

    /// Fails before sending anything when the token is a job token, which GitLab would refuse anyway.
    func refuseJobToken(_ operation: String, _ repository: ForgeRepository) throws {
        if isJobToken { throw ForgeError.jobToken(operation, repository.path) }
    }

    func mergeRequest(
        _ number: Int, _ repository: ForgeRepository, _ operation: String
    ) async throws -> GitLabPayloads.MergeRequest {
        let url = try projectURL(repository, operation, ["merge_requests", String(number)])
        let response = try await rest.expectSuccess(.GET, url, operation: operation, repository: repository.path)
        return try decode(GitLabPayloads.MergeRequest.self, response.body, operation, repository)
    }

    /// `PUT /projects/:id/merge_requests/:merge_request_iid` with `fields`.
    func put(_ fields: [String: Any], on number: Int, _ repository: ForgeRepository, _ operation: String) async throws {
        let url = try projectURL(repository, operation, ["merge_requests", String(number)])
        _ = try await rest.expectSuccess(
            .PUT, url, json: GitLabPayloads.encode(fields), operation: operation, repository: repository.path)
    }
}
