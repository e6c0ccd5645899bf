import Foundation

/// Checks HTTP exchanges against an OpenAPI 3.0 description (by default the GitHub subset in this target's
/// resources): the operation exists, path and query parameters have the documented types, request and
/// response bodies fit their schemas.
///
/// Statuses the description does not document (GitHub's 401, 429, many 404s and 5xx) are warnings, not
/// problems: GitHub answers them without describing them.
public struct OpenAPIValidator: Sendable {
    /// The operation an exchange was matched to.
    public struct Operation: Sendable {
        public let id: String
        public let method: String
        public let template: String
        public let pathParameters: [String: String]
        fileprivate let definition: JSONValue
    }

    /// What a check found.
    public struct Verdict: Sendable {
        public var problems: [String] = []
        public var warnings: [String] = []
    }

    private let schemas: JSONSchemaCheck
    private let templates: [(template: PathTemplate, item: JSONValue)]

    public init(document: JSONValue) {
        self.schemas = JSONSchemaCheck(document: document)
        self.templates = (document["paths"]?.objectValue ?? [:]).map { (PathTemplate($0.key), $0.value) }
            .sorted { $0.template.literalCount > $1.template.literalCount }
    }

    /// The GitHub REST subset shipped in TestSupport's resources, parsed once.
    public static func gitHubSubset() throws -> OpenAPIValidator {
        if let shared = sharedGitHubSubset { return shared }
        throw FakeGitHubError("github-openapi-subset.json is missing from TestSupport's resources or not JSON")
    }

    private static let sharedGitHubSubset: OpenAPIValidator? = {
        let url =
            Bundle.module.url(forResource: "github-openapi-subset", withExtension: "json", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "github-openapi-subset", withExtension: "json")
        guard let url, let data = try? Data(contentsOf: url), let document = JSONValue.parse(data) else { return nil }
        return OpenAPIValidator(document: document)
    }()

    /// The documented operation for a method and a path (without query), preferring the template with the
    /// most literal segments.
    public func operation(method: String, path: String) -> Operation? {
        let lowered = method.lowercased()
        for (template, item) in templates {
            guard let definition = item[lowered], let parameters = template.match(path) else { continue }
            return Operation(
                id: definition["operationId"]?.stringValue ?? "", method: lowered, template: template.text,
                pathParameters: parameters, definition: definition)
        }
        return nil
    }

    /// Checks a request; `body` nil means no body was sent.
    public func checkRequest(method: String, path: String, query: [String: String], body: Data?) -> Verdict {
        var verdict = Verdict()
        guard let operation = operation(method: method, path: path) else {
            verdict.problems.append("\(method) \(path): no such operation in the description")
            return verdict
        }
        let where_ = "\(operation.id) request"
        for parameter in parameters(of: operation) {
            guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue else {
                continue
            }
            let value: String? =
                switch location {
                case "path": operation.pathParameters[name]
                case "query": query[name]
                default: nil
                }
            guard let value else {
                if parameter["required"]?.boolValue == true, location != "header" {
                    verdict.problems.append("\(where_): missing \(location) parameter \(name)")
                }
                continue
            }
            let schema = parameter["schema"] ?? .object([:])
            let typed: JSONValue =
                schemas.resolve(schema)?["type"]?.stringValue == "integer"
                ? (Int(value).map(JSONValue.integer) ?? .string(value)) : .string(value)
            verdict.problems += schemas.problems(typed, schema, at: "\(location) parameter \(name)")
                .map { "\(where_): \($0)" }
        }
        let bodySchema = operation.definition["requestBody"]?["content"]?["application/json"]?["schema"]
        switch (body, bodySchema) {
        case (nil, _):
            if operation.definition["requestBody"]?["required"]?.boolValue == true {
                verdict.problems.append("\(where_): the body is required")
            }
        case (let data?, nil):
            if !data.isEmpty { verdict.problems.append("\(where_): a body where none is documented") }
        case (let data?, let schema?):
            guard let json = JSONValue.parse(data) else {
                verdict.problems.append("\(where_): the body is not JSON")
                break
            }
            verdict.problems += schemas.problems(json, schema, at: "$").map { "\(where_) body: \($0)" }
        }
        return verdict
    }

    /// Checks a response to a request on `method` `path`.
    public func checkResponse(method: String, path: String, status: Int, body: Data?) -> Verdict {
        var verdict = Verdict()
        guard let operation = operation(method: method, path: path) else {
            verdict.problems.append("\(method) \(path): no such operation in the description")
            return verdict
        }
        let where_ = "\(operation.id) response \(status)"
        guard let response = operation.definition["responses"]?[String(status)].flatMap(schemas.resolve) else {
            verdict.warnings.append("\(where_): status not documented")
            return verdict
        }
        let schema = response["content"]?["application/json"]?["schema"]
        let data = body ?? Data()
        switch schema {
        case nil:
            if !data.isEmpty, status != 304 { verdict.problems.append("\(where_): a body where none is documented") }
        case let schema?:
            guard let json = JSONValue.parse(data) else {
                verdict.problems.append("\(where_): the body is not JSON")
                break
            }
            verdict.problems += schemas.problems(json, schema, at: "$").map { "\(where_) body: \($0)" }
        }
        return verdict
    }

    /// Checks any JSON value against a named component schema (`pull-request`, `issue-comment`, …).
    public func checkSchema(_ value: JSONValue, component: String) -> [String] {
        schemas.problems(value, .object(["$ref": .string("#/components/schemas/\(component)")]))
    }

    private func parameters(of operation: Operation) -> [JSONValue] {
        let item = templates.first { $0.template.text == operation.template }?.item
        let all = (item?["parameters"]?.arrayValue ?? []) + (operation.definition["parameters"]?.arrayValue ?? [])
        return all.compactMap(schemas.resolve)
    }
}
