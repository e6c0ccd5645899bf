import ArgumentParser
import Foundation

/// Entry point: maps argument-parser errors onto the documented exit codes
/// (2 for a bad command line, never the BSD 64 that argument-parser uses).
@main
enum Main {
    static func main() async {
        do {
            var command = try RootCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = RootCommand.exitCode(for: error)
            if code == .success {
                let message = RootCommand.fullMessage(for: error)
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if let line = usageErrorLine(for: error) {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            // argument-parser reports usage problems as EX_USAGE (64); the contract says 2.
            exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }

    /// A usage error as one stderr line (the contract's "one line each"), ending with where help is,
    /// instead of argument-parser's multi-line usage block.
    static func usageErrorLine(for error: any Error) -> String? {
        let message = RootCommand.message(for: error).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        guard !message.isEmpty else { return nil }
        let full = RootCommand.fullMessage(for: error).split(whereSeparator: \.isNewline)
        let hint = full.lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("See '") }
        let see = hint.map { "; s" + $0.dropFirst().replacingOccurrences(of: " for more information.", with: "") }
        guard let see else { return "error: " + message }
        return "error: " + (message.hasSuffix(".") ? String(message.dropLast()) : message) + see
    }
}
