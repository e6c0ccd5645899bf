import Foundation

/// One paragraph about the machine the soak ran on, from `/proc`.
enum MachineDescription {
    static func current(loadBefore: String, loadAfter: String) -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) }
            ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }
            .flatMap { Int($0) }
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "?")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let gib = memory.map { String(format: "%.0f GiB RAM", Double($0) / 1_048_576) } ?? "unknown RAM"
        return "\(ProcessInfo.processInfo.activeProcessorCount) vCPU (\(model)), \(gib), Linux \(kernel). "
            + "Load average before: \(loadBefore); after: \(loadAfter) (a shared machine: other engineers were "
            + "compiling, so seconds per run are noisy; RSS is not affected by load)."
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
            .split(separator: " ").prefix(3).joined(separator: " ")
    }
}
