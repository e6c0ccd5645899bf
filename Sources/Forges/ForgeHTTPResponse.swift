import Foundation
import NIOHTTP1

/// A forge's answer with its whole body.
struct ForgeHTTPResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: Data

    var isSuccess: Bool { (200..<300).contains(status) }

    /// GitHub's `message` plus the `errors[].message`/`code` details, or GitLab's `message` (text, list or
    /// per-field problems) and `error`, as one line.
    var serverMessage: String {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return String(decoding: body.prefix(200), as: UTF8.self)
        }
        var parts: [String] = []
        if let message = object["message"] as? String { parts.append(message) }
        // GitLab also sends `message` as an array of strings or as `{"field": ["problem"]}`.
        if let messages = object["message"] as? [Any] { parts += messages.compactMap { $0 as? String } }
        if let fields = object["message"] as? [String: Any] {
            for (field, problems) in fields.sorted(by: { $0.key < $1.key }) {
                let texts = (problems as? [Any])?.compactMap { $0 as? String } ?? [(problems as? String) ?? ""]
                parts += texts.map { "\(field) \($0)" }
            }
        }
        if let message = object["error"] as? String { parts.append(message) }
        if let errors = object["errors"] as? [Any] {
            for case let error as [String: Any] in errors {
                if let message = error["message"] as? String {
                    parts.append(message)
                } else if let code = error["code"] as? String {
                    parts.append([error["field"] as? String, code].compactMap { $0 }.joined(separator: " "))
                }
            }
        }
        return parts.joined(separator: "; ")
    }
}
