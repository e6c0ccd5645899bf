import Foundation

/// A structural check of a JSON instance against an OpenAPI 3.0 schema: `$ref`, `type` (with `nullable`),
/// `enum`, `required`, `properties`, `items`, `minItems`, `oneOf`, `anyOf`, `allOf`.
///
/// Formats, patterns and lengths are not checked; additional properties are allowed, as GitHub's
/// description never forbids them.
struct JSONSchemaCheck: Sendable {
    let document: JSONValue

    /// Problems found, each naming the JSON path (`$.head.repo.owner`); empty when the instance fits.
    func problems(_ instance: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        check(instance, schema, path, depth: 0)
    }

    private func check(_ instance: JSONValue, _ rawSchema: JSONValue, _ path: String, depth: Int) -> [String] {
        guard depth < 64 else { return ["\(path): schema nesting too deep"] }
        guard let schema = resolve(rawSchema) else { return ["\(path): unresolvable $ref \(rawSchema)"] }
        if instance == .null {
            if schema["nullable"]?.boolValue == true { return [] }
            let allowsNull = schema["allOf"]?.arrayValue?.contains { resolve($0)?["nullable"]?.boolValue == true }
            if allowsNull == true { return [] }
            if schema["type"] != nil || schema["properties"] != nil || schema["$ref"] != nil {
                return ["\(path): null where the schema is not nullable"]
            }
        }
        var problems: [String] = []
        if let type = schema["type"]?.stringValue, !Self.matches(instance, type: type), instance != .null {
            problems.append("\(path): expected \(type), got \(Self.kind(of: instance))")
            return problems
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(instance) {
            problems.append(
                "\(path): \(instance.data.shortText) is not one of \(JSONValue.array(options).data.shortText)")
        }
        if case .object(let object) = instance {
            for case .string(let name) in schema["required"]?.arrayValue ?? [] where object[name] == nil {
                problems.append("\(path): missing required property \"\(name)\"")
            }
            for (name, propertySchema) in schema["properties"]?.objectValue ?? [:] {
                if let value = object[name] {
                    problems += check(value, propertySchema, "\(path).\(name)", depth: depth + 1)
                }
            }
        }
        if case .array(let items) = instance {
            if let minimum = schema["minItems"]?.intValue, items.count < minimum {
                problems.append("\(path): \(items.count) items, at least \(minimum) required")
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    problems += check(item, itemSchema, "\(path)[\(index)]", depth: depth + 1)
                }
            }
        }
        for part in schema["allOf"]?.arrayValue ?? [] {
            problems += check(instance, part, path, depth: depth + 1)
        }
        if let options = schema["anyOf"]?.arrayValue,
            !options.contains(where: { check(instance, $0, path, depth: depth + 1).isEmpty })
        {
            problems.append("\(path): matches none of anyOf")
        }
        if let options = schema["oneOf"]?.arrayValue {
            let matching = options.filter { check(instance, $0, path, depth: depth + 1).isEmpty }.count
            if matching != 1 { problems.append("\(path): matches \(matching) of oneOf, exactly 1 required") }
        }
        return problems
    }

    /// Follows `$ref`s (`#/components/...`) to the schema they name.
    func resolve(_ schema: JSONValue) -> JSONValue? {
        var current = schema
        for _ in 0..<32 {
            guard case .string(let reference) = current["$ref"] ?? .null else { return current }
            guard reference.hasPrefix("#/") else { return nil }
            var target: JSONValue? = document
            for key in reference.dropFirst(2).split(separator: "/") {
                let unescaped = key.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                target = target?[unescaped]
            }
            guard let target else { return nil }
            current = target
        }
        return nil
    }

    private static func matches(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("string", .string), ("boolean", .bool), ("integer", .integer), ("number", .integer),
            ("number", .number), ("array", .array), ("object", .object):
            true
        default: false
        }
    }

    private static func kind(of instance: JSONValue) -> String {
        switch instance {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension Data {
    /// At most 80 characters of the text, for messages.
    fileprivate var shortText: String {
        let text = String(decoding: self, as: UTF8.self)
        return text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}
