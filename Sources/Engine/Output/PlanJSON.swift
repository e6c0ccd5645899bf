import Foundation

/// The `plan --format json` document, exactly in the command-line contract's shape.
struct PlanJSON: Encodable {
    struct Application: Encodable {
        var name: String
        var manifest: String
        var target: Target?
        var changes: [Change]
        var files: [File]
        var errors: [String]

        func encode(to encoder: Encoder) throws {
            // Every field of the contract is present: `target` is null for an Application that could not be read.
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(manifest, forKey: .manifest)
            try container.encode(target, forKey: .target)
            try container.encode(changes, forKey: .changes)
            try container.encode(files, forKey: .files)
            try container.encode(errors, forKey: .errors)
        }

        enum CodingKeys: String, CodingKey { case name, manifest, target, changes, files, errors }
    }

    struct Target: Encodable {
        var repo: String
        var branch: String
        var path: String
    }

    struct Change: Encodable {
        var alias: String
        var image: String
        var from: String?
        var to: String
        var digest: String?

        func encode(to encoder: Encoder) throws {
            // Keep `from` and `digest` present as null rather than absent: consumers index them.
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(alias, forKey: .alias)
            try container.encode(image, forKey: .image)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(digest, forKey: .digest)
        }

        enum CodingKeys: String, CodingKey { case alias, image, from, to, digest }
    }

    struct File: Encodable {
        var path: String
        var content: String
    }

    var applications: [Application]
    var errors: [String]

    init(_ plan: Plan) {
        applications = plan.applications.map { app in
            Application(
                name: app.name,
                manifest: app.manifest,
                target: app.target.map { Target(repo: $0.repo, branch: $0.branch, path: $0.path) },
                changes: app.changes.map {
                    Change(alias: $0.alias, image: $0.image, from: $0.from, to: $0.to, digest: $0.digest)
                },
                files: app.files.map { File(path: $0.path, content: $0.content) },
                errors: app.errors
            )
        }
        errors = plan.errors
    }

    func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
            return "{\"applications\": [], \"errors\": [\"internal: could not encode the plan\"]}"
        }
        return text
    }
}
