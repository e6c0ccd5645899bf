import Foundation

/// GitHub App authentication: app endpoints take the app's JSON web token, repository endpoints also take the
/// installation tokens the fake issued (for the installation's owner, until they expire).
extension FakeGitHubAPI {
    /// Operations authenticated as the app itself rather than with a token.
    static let appOperations: Set<String> = [
        "apps/get-authenticated", "apps/list-installations", "apps/get-repo-installation",
        "apps/create-installation-access-token",
    ]

    /// nil when the request may go on, else GitHub's refusal.
    func authorize(_ header: String?, operation: OpenAPIValidator.Operation?) async -> FakeGitHubAnswer? {
        if let operation, Self.appOperations.contains(operation.id) {
            do {
                _ = try await FakeGitHubAppJWT.verify(Self.bearer(header) ?? "", apps: store.apps)
                return nil
            } catch {
                return FakeGitHubAnswer(status: 401, body: json.basicError(error.message))
            }
        }
        if isAuthorized(header) { return nil }
        if let value = Self.bearer(header) {
            switch await store.apps.access(for: value) {
            case .granted(let owner):
                // Like GitHub, a repository outside the installation does not exist for its token.
                if let requested = operation?.pathParameters["owner"], requested.lowercased() != owner.lowercased() {
                    return notFound()
                }
                return nil
            case .expired, .unknown: break
            }
        }
        return FakeGitHubAnswer(status: 401, body: json.basicError("Bad credentials"))
    }

    func dispatchApp(_ operation: OpenAPIValidator.Operation, authorization: String?) async -> FakeGitHubAnswer {
        guard let app = try? await FakeGitHubAppJWT.verify(Self.bearer(authorization) ?? "", apps: store.apps) else {
            return FakeGitHubAnswer(status: 401, body: json.basicError("A JSON web token could not be decoded"))
        }
        let parameters = operation.pathParameters
        switch operation.id {
        case "apps/get-authenticated":
            return FakeGitHubAnswer(status: 200, body: json.app(app))
        case "apps/get-repo-installation":
            guard let owner = parameters["owner"], let name = parameters["repo"],
                await store.repository(owner, name) != nil,
                let installation = await store.apps.installation(of: app.id, on: owner)
            else { return notFound() }
            return FakeGitHubAnswer(status: 200, body: json.installation(installation, app: app))
        case "apps/create-installation-access-token":
            guard let id = parameters["installation_id"].flatMap({ Int($0) }),
                let installation = await store.apps.installation(id), installation.appID == app.id
            else { return notFound() }
            let (token, expiresAt) = await store.apps.issueToken(for: installation)
            return FakeGitHubAnswer(status: 201, body: json.installationToken(token, expiresAt: expiresAt))
        default:
            await store.addProblem("\(operation.id): documented but not implemented by the fake GitHub")
            return notFound()
        }
    }

    private static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
