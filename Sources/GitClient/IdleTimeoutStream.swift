import CLibGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libgit2 1.5's own sockets wait forever for a server that stops answering without closing the connection (a
/// dropped route, a stuck proxy): a clone, fetch or push would hang the whole run. This stream replaces them for
/// plain connections and underneath TLS, and gives up when connecting, or any single read or write, makes no
/// progress for ``idleTimeout`` seconds.
enum IdleTimeoutStream {
    /// Seconds without a byte before a network operation fails: five minutes, far beyond the keep-alives servers
    /// send every few seconds while they work (git's `uploadpack.keepAlive` and `receive.keepAlive` default to 5),
    /// so only a dead connection ends. `ARGOCD_IMAGE_PR_GIT_IDLE_TIMEOUT` (seconds, 1...3600) changes it for the
    /// process, e.g. for a test that provokes it.
    static let idleTimeout: Int = {
        guard let text = getenv("ARGOCD_IMAGE_PR_GIT_IDLE_TIMEOUT"), let seconds = Int(String(cString: text)),
            (1...3600).contains(seconds)
        else { return 300 }
        return seconds
    }()

    /// The connection's state, stored right after the `git_stream` libgit2 sees.
    private struct State {
        var socket: Int32
        var host: UnsafeMutablePointer<CChar>?
        var port: UnsafeMutablePointer<CChar>?
    }

    private static let stateOffset: Int = {
        let alignment = MemoryLayout<State>.alignment
        return (MemoryLayout<git_stream>.stride + alignment - 1) / alignment * alignment
    }()

    /// Makes libgit2 open its connections through this stream; returns libgit2's result.
    static func register() -> Int32 {
        var registration = git_stream_registration()
        registration.version = 1
        registration.`init` = { out, host, port in IdleTimeoutStream.make(out, host, port) }
        return git_stream_register(GIT_STREAM_STANDARD, &registration)
    }

    private static func make(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_stream>?>?, _ host: UnsafePointer<CChar>?,
        _ port: UnsafePointer<CChar>?
    ) -> Int32 {
        guard let out, let host, let port else { return -1 }
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: stateOffset + MemoryLayout<State>.size,
            alignment: max(MemoryLayout<git_stream>.alignment, MemoryLayout<State>.alignment))
        let stream = raw.bindMemory(to: git_stream.self, capacity: 1)
        var parent = git_stream()
        parent.version = 1
        parent.connect = { IdleTimeoutStream.streamConnect($0) }
        parent.read = { IdleTimeoutStream.streamRead($0, $1, $2) }
        parent.write = { stream, data, length, _ in IdleTimeoutStream.streamWrite(stream, data, length) }
        parent.close = { IdleTimeoutStream.streamClose($0) }
        parent.free = { IdleTimeoutStream.streamFree($0) }
        stream.initialize(to: parent)
        (raw + stateOffset).bindMemory(to: State.self, capacity: 1).initialize(
            to: State(socket: -1, host: strdup(host), port: strdup(port)))
        out.pointee = stream
        return 0
    }

    private static func state(_ stream: UnsafeMutablePointer<git_stream>) -> UnsafeMutablePointer<State> {
        (UnsafeMutableRawPointer(stream) + stateOffset).assumingMemoryBound(to: State.self)
    }

    private static func fail(_ message: String) -> Int32 {
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
        return -1
    }

    private static func streamConnect(_ stream: UnsafeMutablePointer<git_stream>?) -> Int32 {
        guard let stream, let host = state(stream).pointee.host, let port = state(stream).pointee.port else {
            return fail("no host to connect to")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, port, &hints, &found)
        guard resolved == 0, let first = found else {
            return fail(
                "failed to resolve address for \(String(cString: host)): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(first) }
        var problem = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let socket = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard socket >= 0 else {
                problem = String(cString: strerror(errno))
                continue
            }
            limit(socket)
            if connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                state(stream).pointee.socket = socket
                return 0
            }
            problem = timedOut(errno) ? "no answer in \(idleTimeout) s" : String(cString: strerror(errno))
            _ = close(socket)
        }
        return fail("failed to connect to \(String(cString: host)): \(problem)")
    }

    /// Connecting (on Linux), sending and receiving give up after the idle timeout.
    private static func limit(_ socket: Int32) {
        var timeout = timeval(tv_sec: idleTimeout, tv_usec: 0)
        let size = socklen_t(MemoryLayout<timeval>.size)
        _ = setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, size)
        _ = setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, size)
        #if canImport(Darwin)
        var one: Int32 = 1
        _ = setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    private static func timedOut(_ code: Int32) -> Bool {
        code == EAGAIN || code == EWOULDBLOCK || code == EINPROGRESS || code == ETIMEDOUT
    }

    private static func streamRead(
        _ stream: UnsafeMutablePointer<git_stream>?, _ data: UnsafeMutableRawPointer?, _ length: Int
    )
        -> Int
    {
        guard let stream else { return -1 }
        while true {
            let count = recv(state(stream).pointee.socket, data, length, 0)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            let reason =
                timedOut(errno) ? "the server sent nothing for \(idleTimeout) s" : String(cString: strerror(errno))
            return Int(fail("error receiving socket data: \(reason)"))
        }
    }

    private static func streamWrite(
        _ stream: UnsafeMutablePointer<git_stream>?, _ data: UnsafePointer<CChar>?, _ length: Int
    ) -> Int {
        guard let stream else { return -1 }
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        while true {
            let count = send(state(stream).pointee.socket, data, length, flags)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            let reason =
                timedOut(errno) ? "the server took nothing for \(idleTimeout) s" : String(cString: strerror(errno))
            return Int(fail("error sending data: \(reason)"))
        }
    }

    private static func streamClose(_ stream: UnsafeMutablePointer<git_stream>?) -> Int32 {
        guard let stream else { return 0 }
        let socket = state(stream).pointee.socket
        state(stream).pointee.socket = -1
        return socket >= 0 && close(socket) != 0 ? fail("error closing socket") : 0
    }

    private static func streamFree(_ stream: UnsafeMutablePointer<git_stream>?) {
        guard let stream else { return }
        _ = streamClose(stream)
        let saved = state(stream)
        free(saved.pointee.host)
        free(saved.pointee.port)
        saved.deinitialize(count: 1)
        stream.deinitialize(count: 1)
        UnsafeMutableRawPointer(stream).deallocate()
    }
}
