import Foundation
import Hummingbird
import NIOCore

/// A plain-HTTP proxy in front of a registry (or any server) that misbehaves on cue.
///
/// Requests matching a ``FaultRule`` get its ``Fault``; all others are forwarded verbatim.
/// Every request is recorded, so tests can count retries and check headers.
public struct FaultProxy: Sendable {
    /// A scripted misbehaviour.
    public enum Fault: Sendable, Equatable {
        /// Answer with this status (and `Retry-After` when given) instead of forwarding, `times` times.
        case status(Int, retryAfter: String? = nil, times: Int = 1)
        /// Forward, then send the body at this many bytes per second.
        case slowDrip(bytesPerSecond: Int)
        /// Forward, announce the full `Content-Length`, send half the body and close the connection.
        case truncateBody
        /// Forward, but replace `Docker-Content-Digest` with the digest of different bytes.
        case wrongDigestHeader
        /// Reset the TCP connection (RST) without answering.
        case resetConnection
        /// Wait this long, then forward.
        case delay(Duration)
        /// Answer with this canned response instead of forwarding (e.g. a malformed manifest).
        case respond(status: Int, headers: [String: String], body: Data)
    }

    /// `127.0.0.1:PORT`.
    public let host: String
    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    private let server: LoopbackHTTPServer
    private let forwarder: UpstreamForwarder
    private let recorder: RequestRecorder

    /// Starts a proxy to `upstream` (a base URL); `caPEM` is trusted when the upstream uses TLS.
    public static func start(
        upstream: String, faults: [FaultRule], trusting caPEM: String? = nil
    ) async throws
        -> FaultProxy
    {
        let forwarder = try UpstreamForwarder(upstream: upstream, trusting: caPEM)
        let recorder = RequestRecorder()
        let behaviour = FaultBehaviour(rules: faults, forwarder: forwarder, recorder: recorder)
        do {
            let server = try await LoopbackHTTPServer.start(name: "fault-proxy") { request, context in
                try await behaviour.respond(to: request, context: context)
            }
            return FaultProxy(
                host: "127.0.0.1:\(server.port)", baseURL: server.baseURL, server: server, forwarder: forwarder,
                recorder: recorder)
        } catch {
            await forwarder.shutdown()
            throw error
        }
    }

    /// Starts a proxy in front of a test registry, trusting its CA when it uses TLS.
    public static func start(upstream: RegistryServer, faults: [FaultRule]) async throws -> FaultProxy {
        try await start(upstream: upstream.baseURL, faults: faults, trusting: upstream.caCertificatePEM)
    }

    /// Every request seen so far, in arrival order.
    public func requests() async -> [RecordedRequest] {
        await recorder.all
    }

    /// The fault is over: every later request is forwarded untouched (the recovery after a network drop).
    public func heal() async {
        await recorder.heal()
    }

    /// Stops listening and closes the upstream client.
    public func stop() async throws {
        await server.stop()
        await forwarder.shutdown()
    }
}

/// Starts a fault proxy, runs `body` with it and always stops it.
@discardableResult
public func withFaultProxy<T>(
    upstream: String, faults: [FaultRule], trusting caPEM: String? = nil,
    _ body: (FaultProxy) async throws -> T
) async throws -> T {
    let proxy = try await FaultProxy.start(upstream: upstream, faults: faults, trusting: caPEM)
    do {
        let result = try await body(proxy)
        try await proxy.stop()
        return result
    } catch {
        try? await proxy.stop()
        throw error
    }
}
