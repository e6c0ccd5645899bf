import Foundation
import Yams

/// A YAML file read under `YAMLLimits`: its text and every document in it, or one error for the whole file.
struct YAMLFile {
    let text: String
    let documents: [Node]

    /// Reads and parses the file at `url`; `location` names it in errors.
    static func read(_ url: URL, location: ManifestLocation, limits: YAMLLimits) throws(ManifestError) -> YAMLFile {
        try decode(readBytes(url, location: location, limit: limits.maxFileSize), location: location, limits: limits)
    }

    /// Parses file bytes (UTF-8, or UTF-16/32 with a byte order mark) read from anywhere.
    static func decode(_ data: Data, location: ManifestLocation, limits: YAMLLimits) throws(ManifestError) -> YAMLFile {
        if data.count > limits.maxFileSize {
            throw ManifestError.tooLarge(location, limit: limits.maxFileSize)
        }
        guard let text = YAMLTextDecoder.decode(data) else {
            throw ManifestError.invalidYAML(location, "not valid UTF-8 (or UTF-16/32 with a byte order mark)")
        }
        return try parse(text, location: location, limits: limits)
    }

    /// The bytes of the file at `url`, refused unread when over `limit`.
    static func readBytes(_ url: URL, location: ManifestLocation, limit: Int) throws(ManifestError) -> Data {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? NSNumber, size.int64Value > Int64(limit) {
                throw ManifestError.tooLarge(location, limit: limit)
            }
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            // Read one byte past the limit so a file that grew after the check is still refused.
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError.unreadable(location, "cannot read file: \(error.localizedDescription)")
        }
        if data.count > limit {
            throw ManifestError.tooLarge(location, limit: limit)
        }
        return data
    }

    /// Yams resolves the tag of every mapping key (to find duplicate keys) by trying each rule's regular
    /// expression in turn, which was most of the parse. Manifests are read as text; the rules kept are the
    /// ones that tell keys like `1` and `"1"` apart and that find nulls. Dropped: float, timestamp, merge and
    /// value, which only matter to typed decoding.
    static let resolver = Resolver.basic.appending(.bool).appending(.int).appending(.null)

    /// Parses `text` as a stream of documents; any bad document makes the whole text an error.
    static func parse(_ text: String, location: ManifestLocation, limits: YAMLLimits) throws(ManifestError) -> YAMLFile
    {
        if text.utf8.count > limits.maxFileSize {
            throw ManifestError.tooLarge(location, limit: limits.maxFileSize)
        }
        if let line = ComplexKeyCheck.firstAliasedComplexKey(in: text) {
            throw ManifestError.invalidYAML(
                location.at(line: line),
                "complex mapping keys built from aliases are not supported"
            )
        }
        var documents: [Node] = []
        do {
            // Explicit: Yams' default encoding reads the whole process environment on every parse (and
            // prints to stdout when YAMS_DEFAULT_ENCODING is set); Swift strings are UTF-8 natively.
            let parser = try Parser(yaml: text, resolver: Self.resolver, encoding: .utf8)
            var guardrail = YAMLGuard(limits: limits)
            while let node = try parser.nextRoot() {
                try guardrail.check(node)
                documents.append(node)
            }
        } catch let violation as YAMLGuard.Violation {
            throw ManifestError.limitExceeded(location.at(line: violation.line), violation.message)
        } catch let error as YamlError {
            let (line, message) = describe(error, text: text)
            throw ManifestError.invalidYAML(location.at(line: line), message)
        } catch {
            throw ManifestError.invalidYAML(location, "cannot parse YAML: \(error)")
        }
        return YAMLFile(text: text, documents: documents)
    }

    private static func describe(_ error: YamlError, text: String) -> (Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text): " } ?? ""
            let limitHit = problem.contains("Maximum nesting level") || prefix.contains("Maximum nesting level")
            return (mark.line, limitHit ? "nesting too deep" : "invalid YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return (context.mark.line, "invalid YAML: duplicate key \(keys)")
        case .reader(let problem, let offset, _, _):
            var line = 0
            if let offset {
                line = 1 + text.utf8.prefix(offset).lazy.filter { $0 == UInt8(ascii: "\n") }.count
            }
            return (line, "invalid YAML: \(problem)")
        default:
            return (0, "invalid YAML")
        }
    }
}
