import Logging
import NIOHTTP1

/// Authenticated, retried and rate-limited GETs against one registry; callers deduplicate through ``results``.
struct RegistrySession: Sendable {
    let endpoint: RegistryEndpoint
    let transport: HTTPTransport
    let retrier: Retrier
    let gate: RequestGate
    let authenticator: RegistryAuthenticator
    let results: RunResults

    /// What a GET is for: the repository (for the token scope and messages) and the credential to use.
    struct Context: Sendable {
        /// Repository path in the registry (after `defaultns`).
        var repositoryPath: String
        /// Repository as the user named it, for messages.
        var repository: String
        var choice: CredentialChoice
        var logger: Logger
    }

    /// GETs (or HEADs) `url`; returns only 2xx answers, anything else is a ``RegistryError`` naming registry,
    /// repository, operation and status.
    func get(
        _ url: RegistryURL,
        method: HTTPMethod = .GET,
        accept: [String],
        bodyLimit: Int,
        operation: String,
        context: Context
    ) async throws -> RegistryResponse {
        let scope = "repository:\(context.repositoryPath):pull"
        var headers = HTTPHeaders()
        if !accept.isEmpty { headers.add(name: "Accept", value: accept.joined(separator: ", ")) }
        let request = HTTPTransport.Request(
            method: method, url: url, headers: headers, tls: endpoint.tls, bodyLimit: bodyLimit)
        let response: RegistryResponse
        do {
            response = try await retrier.run {
                try await authorizedExchange(request, scope: scope, choice: context.choice)
            }
        } catch let error as RegistryError {
            throw decorate(error, operation: operation, context: context)
        }
        context.logger.debug(
            "registry answered",
            metadata: ["registry.operation": "\(operation)", "http.status": "\(response.status)"]
        )
        guard response.isSuccess else {
            var error = RegistryError(
                .httpStatus(response.status, reason: response.reason),
                registry: endpoint.registry,
                repository: context.repository,
                operation: operation
            )
            if response.status == 401 || response.status == 403 {
                error = error.with(hint: context.choice.authenticationHint(registry: endpoint.registry))
            } else if response.status == 400 {
                error = error.with(hint: endpoint.plainHTTPHint)
            }
            throw error
        }
        return response
    }

    /// One exchange, answering a 401 challenge once with the right credentials or token.
    private func authorizedExchange(
        _ base: HTTPTransport.Request,
        scope: String,
        choice: CredentialChoice
    ) async throws -> RegistryResponse {
        var request = base
        let sent = try await authenticator.authorization(scope: scope, choice: choice)
        if let sent { request.headers.replaceOrAdd(name: "Authorization", value: sent) }
        let first = try await gate.run { [request] in try await transport.send(request) }
        guard first.status == 401,
            let retry = try await authenticator.answer(first, scope: scope, choice: choice, sentAuthorization: sent)
        else { return first }
        request.headers.replaceOrAdd(name: "Authorization", value: retry)
        return try await gate.run { [request] in try await transport.send(request) }
    }

    private func decorate(_ error: RegistryError, operation: String, context: Context) -> RegistryError {
        var decorated = RegistryError(
            error.code,
            registry: error.registry ?? endpoint.registry,
            repository: error.repository ?? context.repository,
            operation: error.operation ?? operation,
            hint: error.hint
        )
        if case .tlsUntrusted = error.code {
            decorated = decorated.with(hint: endpoint.untrustedCertificateHint)
        }
        return decorated
    }
}
