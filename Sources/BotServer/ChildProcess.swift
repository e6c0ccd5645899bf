import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One short-lived child run to completion, with its output captured in files.
///
/// Started with `posix_spawn` rather than Foundation's `Process`: the child needs default
/// handling of SIGTERM/SIGINT (the service's signal handling would otherwise be inherited and
/// leave it unstoppable) and its own process group, so a Ctrl-C on the service's terminal does
/// not kill a run the graceful shutdown means to let finish. Output goes to files, never pipes,
/// so a chatty child cannot block on a full pipe while nobody reads.
struct ChildProcess {
    /// How a finished child ended.
    struct Outcome: Sendable {
        /// Exit status, or nil when a signal ended it.
        var exitStatus: Int32?
        /// The signal that ended it, if any.
        var signal: Int32?
        var stdout: Data
        var stderr: Data
        /// True when it was stopped because of the timeout or cancellation.
        var stopped: Bool
    }

    let executable: String
    let arguments: [String]
    /// Time after SIGTERM before SIGKILL.
    var terminationGrace: Duration = .seconds(5)
    /// Most bytes read back from each output file.
    var outputLimit: Int = 16 << 20

    /// Runs the child; on timeout or task cancellation it is stopped (SIGTERM to its group, then
    /// SIGKILL) and the outcome says so.
    func run(timeout: Duration) async throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "argocd-image-pr-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutPath = scratch.appendingPathComponent("stdout").path
        let stderrPath = scratch.appendingPathComponent("stderr").path

        let pid = try await spawnRetryingBusy(stdoutPath: stdoutPath, stderrPath: stderrPath)
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        var stopped = false
        while true {
            if let finished = reap(pid) {
                status = finished
                break
            }
            if Task.isCancelled || ContinuousClock.now >= deadline {
                status = stop(pid)
                stopped = true
                break
            }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return Outcome(
            exitStatus: Self.exited(status) ? Self.exitCode(status) : nil,
            signal: Self.exited(status) ? nil : status & 0x7f,
            stdout: read(stdoutPath), stderr: read(stderrPath), stopped: stopped)
    }

    /// ETXTBSY is transient: another thread forked while the executable was open for writing
    /// (an upgrade in place, or a test writing its fake binary), and the copy closes at exec.
    private func spawnRetryingBusy(stdoutPath: String, stderrPath: String) async throws -> pid_t {
        var attempt = 0
        while true {
            let result = spawn(stdoutPath: stdoutPath, stderrPath: stderrPath)
            switch result {
            case .success(let pid):
                return pid
            case .failure(let code) where code == ETXTBSY && attempt < 20:
                attempt += 1
                try await Task.sleep(for: .milliseconds(10 * attempt))
            case .failure(let code):
                throw BotServerError.spawnFailed(executable, reason: String(cString: strerror(code)))
            }
        }
    }

    private enum SpawnResult {
        case success(pid_t)
        case failure(Int32)
    }

    private func spawn(stdoutPath: String, stderrPath: String) -> SpawnResult {
        #if canImport(Glibc)
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        #else
        var attributes: posix_spawnattr_t? = nil
        var actions: posix_spawn_file_actions_t? = nil
        #endif
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        defer {
            posix_spawnattr_destroy(&attributes)
            posix_spawn_file_actions_destroy(&actions)
        }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #if canImport(Glibc)
        // Nothing else of ours leaks into a long-lived child: an inherited descriptor would keep a socket
        // half-open, or a file that is being written "busy" for exec, for as long as the child lives.
        // glibc 2.34+ has the call, but Swift's Glibc module does not declare it.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        #endif

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        return result == 0 ? .success(pid) : .failure(result)
    }

    /// The raw wait status once the child has exited.
    private func reap(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return status }
        // Reaped elsewhere (should not happen): report exit 255 rather than a success.
        if result == -1 && errno != EINTR { return 255 << 8 }
        return nil
    }

    /// SIGTERM to the child's group, SIGKILL after the grace; returns the wait status.
    ///
    /// The waits here are short blocking naps: this runs when the task is already cancelled, and
    /// a cancelled task cannot sleep; `run` itself exits on SIGTERM within milliseconds.
    private func stop(_ pid: pid_t) -> Int32 {
        kill(-pid, SIGTERM)
        let deadline = ContinuousClock.now + terminationGrace
        while ContinuousClock.now < deadline {
            if let status = reap(pid) {
                kill(-pid, SIGKILL)
                return status
            }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    private func read(_ path: String) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: outputLimit)) ?? Data()
    }

    private static func exited(_ status: Int32) -> Bool { status & 0x7f == 0 }
    private static func exitCode(_ status: Int32) -> Int32 { (status >> 8) & 0xff }
}
