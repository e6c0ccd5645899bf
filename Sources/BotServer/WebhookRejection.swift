import Hummingbird

/// Why a webhook request was refused; the description is the one-line reason sent back.
struct WebhookRejection: Error, CustomStringConvertible {
    private enum Code {
        case notConfigured, tooLarge, unauthorized, malformed
    }

    private let code: Code
    private let source: String
    private let detail: String

    static func notConfigured(_ source: String, variable: String) -> WebhookRejection {
        .init(code: .notConfigured, source: source, detail: "not configured (set \(variable))")
    }

    static func tooLarge(_ source: String, limit: Int) -> WebhookRejection {
        .init(code: .tooLarge, source: source, detail: "body larger than \(limit) bytes")
    }

    static func unauthorized(_ source: String, _ detail: String) -> WebhookRejection {
        .init(code: .unauthorized, source: source, detail: detail)
    }

    static func malformed(_ source: String, _ detail: String) -> WebhookRejection {
        .init(code: .malformed, source: source, detail: detail)
    }

    var status: HTTPResponse.Status {
        switch code {
        case .notConfigured: .serviceUnavailable
        case .tooLarge: .contentTooLarge
        case .unauthorized: .unauthorized
        case .malformed: .badRequest
        }
    }

    /// Metric label for the delivery result.
    var metricResult: String {
        switch code {
        case .notConfigured: "not_configured"
        case .tooLarge: "too_large"
        case .unauthorized: "unauthorized"
        case .malformed: "malformed"
        }
    }

    var description: String { "\(source) webhook: \(detail)" }
}
