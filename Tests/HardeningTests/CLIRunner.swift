import Foundation
import TestSupport

/// The built `argocd-image-pr` binary with a short deadline: a hostile input that hangs the bot fails
/// its test within seconds.
enum CLIRunner {
    typealias Result = ProductCLI.Result

    static func run(
        _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
        timeout: Duration = .seconds(20)
    ) async throws -> Result {
        try await ProductCLI.run(arguments, environment: environment, removing: removing, timeout: timeout)
    }
}
