import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// Installation access tokens of a GitHub App, one per installation, minted on demand and reused until shortly
/// before they expire.
///
/// The installation serving a repository is looked up once (`GET /repos/{owner}/{repo}/installation`) unless a
/// fixed installation id is given. Callers that ask at the same time share one request to GitHub.
public actor GitHubAppTokenProvider: ForgeTokenProvider {
    private let credentials: GitHubAppCredentials
    private let fixedInstallationID: Int?
    private let refreshMargin: TimeInterval
    private let rest: RESTClient
    private var signer: GitHubAppJWT?
    private var installations: [String: Int] = [:]
    private var lookups: [String: Task<Int, any Error>] = [:]
    private var tokens: [Int: GitHubAppInstallationToken] = [:]
    private var mints: [Int: Task<GitHubAppInstallationToken, any Error>] = [:]

    /// - Parameters:
    ///   - apiBaseURL: the REST API of the GitHub instance the app lives on (`https://api.github.com`, or
    ///     `<GitHub Enterprise URL>/api/v3`).
    ///   - installationID: use this installation for every repository instead of looking it up.
    ///   - refreshMargin: seconds before `expires_at` at which a cached token is replaced (GitHub's live an hour).
    public init(
        credentials: GitHubAppCredentials, apiBaseURL: String, installationID: Int? = nil,
        refreshMargin: TimeInterval = 300, httpClient: HTTPClient = .shared,
        options: ForgeHTTPOptions = ForgeHTTPOptions(),
        logger: Logger = Logger(label: "argocd-image-pr.forge.github-app")
    ) {
        self.credentials = credentials
        self.fixedInstallationID = installationID
        self.refreshMargin = refreshMargin
        self.rest = RESTClient(
            httpClient: httpClient, options: options, logger: logger,
            apiBaseURL: ForgeEndpoint.trimmingSlashes(apiBaseURL), authHeaders: [],
            extraHeaders: [("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28")],
            secret: nil)
    }

    public nonisolated var description: String { "\(credentials) (installation tokens)" }

    public func token(for repository: ForgeRepository) async throws -> String {
        let installation = try await installationID(for: repository)
        if let cached = tokens[installation], cached.isUsable(at: Date(), margin: refreshMargin) {
            return cached.value
        }
        if let running = mints[installation] { return try await running.value.value }
        let task = Task { try await self.mint(installation, for: repository.path) }
        mints[installation] = task
        defer { mints[installation] = nil }
        let minted = try await task.value
        tokens[installation] = minted
        return minted.value
    }

    /// The installation whose tokens reach `repository`.
    public func installationID(for repository: ForgeRepository) async throws -> Int {
        if let fixedInstallationID { return fixedInstallationID }
        let key = repository.path.lowercased()
        if let known = installations[key] { return known }
        if let running = lookups[key] { return try await running.value }
        let task = Task { try await self.lookUpInstallation(repository.path) }
        lookups[key] = task
        defer { lookups[key] = nil }
        let id = try await task.value
        installations[key] = id
        return id
    }

    /// The app's slug (or name) as GitHub knows it: a start-up check that the app id and key belong together.
    public func authenticatedApp() async throws -> String {
        let operation = "reading the app (GET /app)"
        let response = try await send(.GET, "/app", operation: operation, repository: "")
        let app: GitHubAppPayloads.App = try decode(response, operation)
        return app.slug ?? app.name
    }

    private func lookUpInstallation(_ repository: String) async throws -> Int {
        let operation = "looking up the installation for \(repository)"
        let segments = repository.split(separator: "/").map { URLEncoding.pathSegment(String($0)) }
        let response = try await send(
            .GET, "/repos/" + segments.joined(separator: "/") + "/installation", operation: operation,
            repository: repository)
        let installation: GitHubAppPayloads.Installation = try decode(response, operation)
        rest.logger.debug(
            "GitHub App installation found",
            metadata: ["forge.repository": "\(repository)", "github_app.installation": "\(installation.id)"])
        return installation.id
    }

    private func mint(_ installation: Int, for repository: String) async throws -> GitHubAppInstallationToken {
        let operation = "creating an installation token for installation \(installation)"
        let response = try await send(
            .POST, "/app/installations/\(installation)/access_tokens", operation: operation, repository: repository)
        let answer: GitHubAppPayloads.AccessToken = try decode(response, operation)
        guard !answer.token.isEmpty, answer.token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw GitHubAppError.invalidResponse(
                appID: credentials.appID, operation: operation, "the token is empty or not printable ASCII")
        }
        guard let expiresAt = try? Date(answer.expires_at, strategy: .iso8601) else {
            throw GitHubAppError.invalidResponse(
                appID: credentials.appID, operation: operation, "expires_at is not an ISO 8601 time")
        }
        rest.logger.debug(
            "GitHub App installation token created",
            metadata: [
                "github_app.installation": "\(installation)", "github_app.expires_at": "\(answer.expires_at)",
            ])
        return GitHubAppInstallationToken(value: answer.token, expiresAt: expiresAt)
    }

    /// One request authenticated as the app itself; any answer but 2xx becomes a `GitHubAppError`.
    private func send(
        _ method: HTTPMethod, _ path: String, operation: String, repository: String
    ) async throws -> ForgeHTTPResponse {
        let jwt = try await jwtSigner().make()
        let client = RESTClient(
            httpClient: rest.httpClient, options: rest.options, logger: rest.logger, apiBaseURL: rest.apiBaseURL,
            authHeaders: [("Authorization", "Bearer \(jwt)")], extraHeaders: rest.extraHeaders, secret: jwt)
        let response = try await client.send(
            method, rest.apiBaseURL + path, operation: "GitHub App \(credentials.appID) \(operation)",
            repository: repository)
        guard !response.isSuccess else { return response }
        let message = client.scrub(response.serverMessage)
        switch response.status {
        case 401:
            throw GitHubAppError.rejected(appID: credentials.appID, operation: operation, message: message)
        case 404 where path.hasSuffix("/installation"):
            throw GitHubAppError.notInstalled(appID: credentials.appID, repository: repository, message: message)
        default:
            throw GitHubAppError.status(
                response.status, appID: credentials.appID, operation: operation, message: message)
        }
    }

    private func jwtSigner() async -> GitHubAppJWT {
        if let signer { return signer }
        let made = await GitHubAppJWT(credentials: credentials)
        signer = made
        return made
    }

    private func decode<T: Decodable>(_ response: ForgeHTTPResponse, _ operation: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw GitHubAppError.invalidResponse(
                appID: credentials.appID, operation: operation, "unexpected JSON from GitHub")
        }
    }
}
