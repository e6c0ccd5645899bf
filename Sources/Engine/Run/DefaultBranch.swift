import Foundation

/// The branch a clone's `HEAD` names: the remote's default branch right after cloning.
enum DefaultBranch {
    static func read(gitDirectory: String) -> String? {
        let path = URL(fileURLWithPath: gitDirectory).appendingPathComponent("HEAD").path
        guard let data = FileManager.default.contents(atPath: path), data.count < 4096,
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("ref: refs/heads/") else { return nil }
        let name = String(line.dropFirst("ref: refs/heads/".count))
        return name.isEmpty ? nil : name
    }
}
