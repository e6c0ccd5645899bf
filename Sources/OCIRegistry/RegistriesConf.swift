import Foundation
import ImageRef

/// Argo CD Image Updater's registries.conf: a `registries:` list of ``RegistryEntry``.
///
/// Lookup follows Image Updater: an entry whose prefix is exactly the image's registry wins, else the
/// longest prefix of `registry/repository`, else (for Docker Hub images) the entry marked `default: true`.
public struct RegistriesConf: Sendable, Equatable {
    /// Largest registries.conf read.
    static let maximumFileBytes = 1024 * 1024

    /// The entries in file order.
    public private(set) var entries: [RegistryEntry]
    /// The file the entries came from, for messages (`registries.conf` when parsed from text).
    public let source: String

    /// An empty configuration: every registry is inferred from the image reference.
    public init() {
        entries = []
        source = "registries.conf"
    }

    /// Entries built in code; they are validated like parsed ones.
    public init(entries: [RegistryEntry], source: String = "registries.conf") throws(RegistryError) {
        var validated: [RegistryEntry] = []
        for entry in entries { validated.append(try entry.validated(source: source)) }
        try Self.checkUnique(validated, source: source)
        self.entries = validated
        self.source = source
    }

    /// Parses registries.conf YAML; `source` names the file in messages.
    public init(yaml: String, source: String = "registries.conf") throws(RegistryError) {
        try self.init(entries: try RegistriesConfParser.parse(yaml, source: source), source: source)
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(RegistryError) -> RegistriesConf {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maximumFileBytes {
                throw RegistryError(.configuration(detail: "\(path): larger than \(maximumFileBytes) bytes"))
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.configuration(detail: "\(path): cannot be read (\(Self.reason(error)))"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RegistryError(.configuration(detail: "\(path): not UTF-8 text"))
        }
        return try RegistriesConf(yaml: text, source: path)
    }

    /// The entry that configures `reference`'s registry, if any.
    public func entry(for reference: ImageReference) -> RegistryEntry? {
        if let exact = entries.first(where: { $0.prefix == reference.registry }) { return exact }
        let name = reference.name
        let matches = entries.filter { !$0.prefix.isEmpty && Self.name(name, hasPrefix: $0.prefix) }
        if let longest = matches.max(by: { $0.prefix.count < $1.prefix.count }) { return longest }
        if reference.registry == "docker.io" { return entries.first(where: { $0.isDefault || $0.prefix.isEmpty }) }
        return nil
    }

    /// The entry whose prefix matches `reference`, as registries.conf text would name it in hints.
    func prefixHint(for reference: ImageReference) -> String {
        entry(for: reference)?.prefix ?? reference.registry
    }

    private static func name(_ name: String, hasPrefix prefix: String) -> Bool {
        // Image Updater matches plain string prefixes; requiring a boundary avoids `reg.io` matching `reg.io2`.
        guard name.hasPrefix(prefix) else { return false }
        if prefix.hasSuffix("/") || name.count == prefix.count { return true }
        let next = name[name.index(name.startIndex, offsetBy: prefix.count)]
        return next == "/"
    }

    private static func checkUnique(_ entries: [RegistryEntry], source: String) throws(RegistryError) {
        var seen: Set<String> = []
        var defaultName: String?
        for entry in entries {
            let location = entry.line.map { "\(source):\($0)" } ?? source
            if !entry.prefix.isEmpty, !seen.insert(entry.prefix).inserted {
                throw RegistryError(.configuration(detail: "\(location): prefix '\(entry.prefix)' is configured twice"))
            }
            if entry.isDefault || entry.prefix.isEmpty {
                if let defaultName {
                    throw RegistryError(
                        .configuration(
                            detail: "\(location): only one default registry is allowed (already '\(defaultName)')"
                        )
                    )
                }
                defaultName = entry.name
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
