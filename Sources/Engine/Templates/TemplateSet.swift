import Foundation
import Mustache

/// The PR title, PR body and commit message templates: built-in defaults, each replaceable
/// by a file of the same name in the user's templates folder.
public struct TemplateSet: Sendable {
    /// Names of the templates, as files `<name>.mustache`.
    public static let names = ["pr-title", "pr-body", "commit-message"]

    let title: MustacheTemplate
    let body: MustacheTemplate
    let commitMessage: MustacheTemplate

    /// Loads the defaults and applies overrides from `directory` when given.
    public init(overridesIn directory: String?) throws(TemplateError) {
        var templates: [String: MustacheTemplate] = [:]
        for name in Self.names {
            let source = try Self.source(named: name, overridesIn: directory)
            do {
                templates[name] = try MustacheTemplate(string: source.text)
            } catch {
                throw TemplateError(origin: source.origin, reason: "\(error)")
            }
        }
        guard let title = templates["pr-title"], let body = templates["pr-body"],
            let commitMessage = templates["commit-message"]
        else {
            throw TemplateError(origin: "built-in templates", reason: "missing")
        }
        self.title = title
        self.body = body
        self.commitMessage = commitMessage
    }

    private static func source(
        named name: String, overridesIn directory: String?
    ) throws(TemplateError) -> (
        text: String, origin: String
    ) {
        if let directory {
            let path = URL(fileURLWithPath: directory).appendingPathComponent("\(name).mustache").path
            if FileManager.default.fileExists(atPath: path) {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw TemplateError(origin: path, reason: "cannot read the file as UTF-8")
                }
                return (text, path)
            }
        }
        guard
            let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "DefaultTemplates"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw TemplateError(origin: "built-in \(name).mustache", reason: "not found in the resource bundle")
        }
        return (text, "built-in \(name).mustache")
    }
}

/// A template that cannot be read or parsed.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// File (or built-in name) of the template.
    public let origin: String
    /// Why it failed.
    public let reason: String

    public var description: String { "\(origin): invalid template: \(reason)" }
}
