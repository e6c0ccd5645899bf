import TestSupport

/// Where plan and floor send requests: the counting proxy (with its request log) or the registry itself.
struct RegistryEndpointLog: Sendable {
    let host: String
    let baseURL: String
    private let proxy: FaultProxy?

    init(proxy: FaultProxy) {
        host = proxy.host
        baseURL = proxy.baseURL
        self.proxy = proxy
    }

    init(registry: LocalRegistry) {
        baseURL = registry.baseURL
        host = String(registry.baseURL.dropFirst("http://".count))
        proxy = nil
    }

    /// Every request the proxy saw so far; always empty without a proxy.
    func requests() async -> [RecordedRequest] {
        await proxy?.requests() ?? []
    }
}
