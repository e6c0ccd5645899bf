import Foundation
import Yams

/// Reads `argocd-image-pr.yaml`: strict about unknown keys and wrong types (a typo in a
/// config file should stop the bot, not silently fall back to a default).
public enum ConfigurationLoader {
    /// The file looked for in the current directory when `--config` is not given.
    public static let defaultFileName = "argocd-image-pr.yaml"

    /// Loads `path`, or the default file when it exists, or the defaults.
    public static func load(
        path: String?, currentDirectory: String = FileManager.default.currentDirectoryPath
    )
        throws(ConfigurationError) -> BotConfiguration
    {
        if let path {
            return try load(file: path)
        }
        let candidate = URL(fileURLWithPath: currentDirectory).appendingPathComponent(defaultFileName).path
        if FileManager.default.fileExists(atPath: candidate) {
            return try load(file: candidate)
        }
        return BotConfiguration()
    }

    /// Loads one file.
    public static func load(file path: String) throws(ConfigurationError) -> BotConfiguration {
        let data: Data
        // Refuse an oversized file before reading it into memory.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 1 << 20 {
            throw .unreadable(path, reason: "larger than 1 MiB")
        }
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path, reason: (error as NSError).localizedFailureReason ?? "no such file or not readable")
        }
        guard data.count <= 1 << 20 else { throw .unreadable(path, reason: "larger than 1 MiB") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformed(path, line: nil, reason: "not UTF-8 text")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .malformed(path, line: Self.line(of: error), reason: Self.reason(of: error))
        } catch {
            throw .malformed(path, line: nil, reason: "\(error)")
        }
        var configuration = try ConfigurationReader(path: path).read(node)
        configuration.sourcePath = path
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        configuration.registriesConf = configuration.registriesConf.map { resolve($0, against: base) }
        configuration.templates = configuration.templates.map { resolve($0, against: base) }
        return configuration
    }

    private static func resolve(_ path: String, against base: URL) -> String {
        path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "malformed YAML"
        }
    }
}
