import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sends REST requests to one forge API: authentication, timeouts, bounded retries, rate limits and `Link`
/// pagination, with every message scrubbed of the token.
struct RESTClient: Sendable {
    let httpClient: HTTPClient
    let options: ForgeHTTPOptions
    let logger: Logger
    let apiBaseURL: String
    let authHeaders: [(String, String)]
    let extraHeaders: [(String, String)]
    let secret: String?
    /// Appended to the message of a 401 answer (GitLab: what to use instead of a CI/CD job token).
    var unauthorizedHint: String? = nil

    var pageSize: String { String(min(max(options.pageSize, 1), 100)) }

    /// One request, retried as `options` allow; any final status is returned, only transport failures and
    /// rate limits that last too long throw.
    func send(
        _ method: HTTPMethod, _ url: String, json: Data? = nil, operation: String, repository: String
    ) async throws -> ForgeHTTPResponse {
        var attempt = 0
        while true {
            let response: ForgeHTTPResponse
            do {
                response = try await execute(method, url, json: json)
            } catch {
                let detail = scrub("\(error)")
                guard method != .POST, attempt < options.maxRetries else {
                    throw ForgeError.transport(operation, repository, detail)
                }
                try await backOff(attempt: &attempt, operation, repository, reason: detail)
                continue
            }
            logger.debug(
                "forge request",
                metadata: [
                    "forge.operation": "\(operation)", "forge.repository": "\(repository)",
                    "http.method": "\(method.rawValue)", "http.status": "\(response.status)",
                ])
            if let wait = rateLimitWait(response) {
                guard wait <= options.maxRateLimitWait, attempt < options.maxRetries else {
                    throw ForgeError.rateLimited(
                        operation, repository, status: response.status,
                        detail: "rate limited for \(Int(wait.rounded(.up))) s more, longer than the "
                            + "\(Int(options.maxRateLimitWait)) s this run waits (\(scrub(response.serverMessage)))")
                }
                logger.warning(
                    "rate limited, waiting",
                    metadata: ["forge.operation": "\(operation)", "forge.wait_seconds": "\(wait)"])
                try await Task.sleep(for: .seconds(wait))
                attempt += 1
                continue
            }
            if response.isSuccess, let wait = exhaustedQuotaWait(response), wait <= options.maxRateLimitWait {
                // The quota is spent and resets soon: wait now rather than fail the next call.
                logger.info(
                    "rate limit quota spent, waiting for its reset", metadata: ["forge.wait_seconds": "\(wait)"])
                try await Task.sleep(for: .seconds(wait))
            }
            if response.status >= 500, method != .POST, attempt < options.maxRetries {
                try await backOff(attempt: &attempt, operation, repository, reason: "HTTP \(response.status)")
                continue
            }
            return response
        }
    }

    /// Sends and requires a 2xx answer.
    func expectSuccess(
        _ method: HTTPMethod, _ url: String, json: Data? = nil, operation: String, repository: String
    ) async throws -> ForgeHTTPResponse {
        let response = try await send(method, url, json: json, operation: operation, repository: repository)
        guard response.isSuccess else { throw failure(response, operation, repository) }
        return response
    }

    /// Every page of a list, following `Link: rel="next"` (or, when a GitLab answer has no `Link`, its
    /// `x-next-page`) on the same API origin only; stops early after a page for which `isLast` is true.
    func pages(
        _ url: String, operation: String, repository: String, isLast: (Data) throws -> Bool = { _ in false }
    ) async throws -> [Data] {
        var bodies: [Data] = []
        var next: String? = url
        while let current = next {
            guard bodies.count < options.maxPages else {
                throw ForgeError.tooManyPages(operation, repository, limit: options.maxPages)
            }
            let response = try await expectSuccess(.GET, current, operation: operation, repository: repository)
            bodies.append(response.body)
            if try isLast(response.body) { break }
            next =
                LinkHeader.next(in: response.headers["link"])
                ?? Self.nextPageURL(current, nextPage: response.headers.first(name: "x-next-page"))
            if let link = next, !Self.sameOrigin(link, apiBaseURL) {
                // Following it would send the token to another host.
                throw ForgeError.invalidResponse(operation, repository, "pagination link leaves \(apiBaseURL)")
            }
        }
        return bodies
    }

    func failure(_ response: ForgeHTTPResponse, _ operation: String, _ repository: String) -> ForgeError {
        var message = scrub(response.serverMessage)
        if response.status == 401, let unauthorizedHint { message += "; " + unauthorizedHint }
        return ForgeError.status(response.status, operation, repository, message: message)
    }

    /// One line, at most 300 characters, with the token replaced.
    func scrub(_ text: String) -> String {
        var line = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        if let secret, !secret.isEmpty { line = line.replacingOccurrences(of: secret, with: "***") }
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    private func execute(_ method: HTTPMethod, _ url: String, json: Data?) async throws -> ForgeHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in authHeaders + extraHeaders { request.headers.add(name: name, value: value) }
        request.headers.add(name: "User-Agent", value: options.userAgent)
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let timeout = TimeAmount.milliseconds(Int64(options.requestTimeout * 1000))
        let response = try await httpClient.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: options.maxResponseBytes)
        return ForgeHTTPResponse(
            status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView))
    }

    /// Seconds to wait before retrying, if the answer is a primary or secondary rate limit.
    private func rateLimitWait(_ response: ForgeHTTPResponse) -> Double? {
        guard response.status == 403 || response.status == 429 else { return nil }
        if let retryAfter = response.headers.first(name: "retry-after").flatMap(Double.init) {
            return max(retryAfter, 0)
        }
        let remaining =
            response.headers.first(name: "x-ratelimit-remaining")
            ?? response.headers.first(name: "ratelimit-remaining")
        if remaining == "0" {
            let reset =
                (response.headers.first(name: "x-ratelimit-reset")
                ?? response.headers.first(name: "ratelimit-reset")).flatMap(Double.init)
            guard let reset else { return 60 }
            return max(reset - Date().timeIntervalSince1970, 0) + 1
        }
        // GitHub's secondary limit without a header: its docs ask for at least a minute.
        if response.status == 429 || response.serverMessage.lowercased().contains("secondary rate limit") {
            return 60
        }
        return nil
    }

    /// Seconds until the quota resets, when an answer says none is left (GitHub `x-ratelimit-*`, GitLab
    /// `RateLimit-*`).
    private func exhaustedQuotaWait(_ response: ForgeHTTPResponse) -> Double? {
        let remaining =
            response.headers.first(name: "x-ratelimit-remaining") ?? response.headers.first(name: "ratelimit-remaining")
        let reset = response.headers.first(name: "x-ratelimit-reset") ?? response.headers.first(name: "ratelimit-reset")
        guard remaining == "0", let reset = reset.flatMap(Double.init) else { return nil }
        return max(reset - Date().timeIntervalSince1970, 0) + 1
    }

    /// `url` with its `page` query item set to `nextPage`, or nil when `nextPage` is absent or empty (GitLab's
    /// last page).
    static func nextPageURL(_ url: String, nextPage: String?) -> String? {
        guard let nextPage, let number = Int(nextPage.trimmingCharacters(in: .whitespaces)), number > 0,
            var components = URLComponents(string: url)
        else { return nil }
        var items = (components.percentEncodedQueryItems ?? []).filter { $0.name != "page" }
        items.append(URLQueryItem(name: "page", value: String(number)))
        components.percentEncodedQueryItems = items
        return components.string
    }

    private func backOff(attempt: inout Int, _ operation: String, _ repository: String, reason: String) async throws {
        let delay = options.retryBaseDelay * Double(1 << min(attempt, 10))
        logger.warning(
            "forge request failed, retrying",
            metadata: [
                "forge.operation": "\(operation)", "forge.repository": "\(repository)", "forge.reason": "\(reason)",
                "forge.retry_in_seconds": "\(delay)",
            ])
        try await Task.sleep(for: .seconds(delay))
        attempt += 1
    }

    private static func sameOrigin(_ url: String, _ base: String) -> Bool {
        guard let left = URLComponents(string: url), let right = URLComponents(string: base) else { return false }
        return left.scheme?.lowercased() == right.scheme?.lowercased()
            && left.host?.lowercased() == right.host?.lowercased()
            && left.port == right.port
    }
}
