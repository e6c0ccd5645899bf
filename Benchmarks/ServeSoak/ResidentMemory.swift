import Foundation

/// Resident memory of another process, from `/proc/<pid>/status`.
enum ResidentMemory {
    /// `VmRSS` (current) in KiB, nil when the process is gone or there is no `/proc`.
    static func current(of pid: Int32) -> Int? { field("VmRSS:", pid) }

    /// `VmHWM` (peak) in KiB.
    static func peak(of pid: Int32) -> Int? { field("VmHWM:", pid) }

    /// Open file descriptors, from `/proc/<pid>/fd`.
    static func openFiles(of pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
    }

    private static func field(_ name: String, _ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }
}
