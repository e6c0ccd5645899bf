import Foundation

/// Decodes webhook JSON into the small structs each source needs, turning decoder errors into a
/// one-line 400 reason that names the field.
enum PayloadDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from body: Data, source: String) throws(WebhookRejection) -> T {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch let error as DecodingError {
            throw .malformed(source, reason(error))
        } catch {
            throw .malformed(source, "malformed JSON")
        }
    }

    private static func reason(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the document" : String(keys.dropFirst(keys.hasPrefix(".") ? 1 : 0))
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "malformed JSON"
        case .dataCorrupted(let context):
            return "malformed JSON at \(path(context))"
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : path(context) + "."
            return "missing field \(parent)\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected type at \(path(context))"
        @unknown default:
            return "malformed JSON"
        }
    }
}
