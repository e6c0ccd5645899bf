import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A long-running child started with `posix_spawn`, with default signal handling restored.
///
/// Foundation's `Process` passes on the spawning thread's blocked-signal mask, and the Swift
/// concurrency threads block SIGTERM; a child started that way cannot be stopped politely.
actor SpawnedProcess {
    let pid: pid_t
    private var exitStatus: Int32?

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Starts `executable` with stdin from /dev/null and stdout/stderr appended to `logPath`.
    static func spawn(_ executable: String, _ arguments: [String], logPath: String) throws -> SpawnedProcess {
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
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        // Its own process group, so stop() can reach everything the child started.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
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
        guard result == 0 else {
            throw TestSupportError.serverDidNotStart(executable, detail: "posix_spawn failed (errno \(result))")
        }
        return SpawnedProcess(pid: pid)
    }

    /// True until the child has exited (and been reaped here).
    var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid || (result == -1 && errno == ECHILD) {
            exitStatus = status
            return false
        }
        return true
    }

    /// SIGTERM to the child's process group, SIGKILL once `grace` has passed; returns when the
    /// child has exited, after sweeping anything left in its group.
    func terminate(grace: Duration) async {
        if isRunning { kill(-pid, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if isRunning { kill(-pid, SIGKILL) }
        while isRunning { try? await Task.sleep(for: .milliseconds(5)) }
        // The group id stays ours while any member lives, so this only reaches our leftovers.
        kill(-pid, SIGKILL)
    }
}
