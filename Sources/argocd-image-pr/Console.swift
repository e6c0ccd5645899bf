import Foundation
import Logging

/// Where the executable prints: results to stdout, one-line errors and warnings to stderr.
enum Console {
    static func error(_ line: String) {
        write("error: " + line)
    }

    @Sendable static func warning(_ line: String) {
        write("warning: " + line)
    }

    static func write(_ line: String) {
        let single = line.replacingOccurrences(of: "\n", with: " ")
        FileHandle.standardError.write(Data((single + "\n").utf8))
    }

    /// A logger writing to stderr; `ARGOCD_IMAGE_PR_LOG_LEVEL` (trace…critical) sets how chatty it is.
    static func logger(label: String) -> Logger {
        var logger = Logger(label: "argocd-image-pr.\(label)") { StreamLogHandler.standardError(label: $0) }
        let level = ProcessInfo.processInfo.environment["ARGOCD_IMAGE_PR_LOG_LEVEL"].flatMap {
            Logger.Level(rawValue: $0)
        }
        logger.logLevel = level ?? .error
        return logger
    }
}
