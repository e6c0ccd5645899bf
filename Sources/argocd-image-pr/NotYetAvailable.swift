import ArgumentParser
import Foundation

/// Reports a subcommand whose capability has not landed yet: one line on stderr, exit 2.
enum NotYetAvailable {
    static func fail(_ name: String) -> ExitCode {
        FileHandle.standardError.write(Data("argocd-image-pr \(name): not yet available in this build\n".utf8))
        return ExitCode(2)
    }
}
