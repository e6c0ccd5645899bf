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
            let message = RootCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            // argument-parser reports usage problems as EX_USAGE (64); the contract says 2.
            exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}
