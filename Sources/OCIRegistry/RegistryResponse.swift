import NIOHTTP1

/// A complete, size-bounded answer from a registry or token service.
struct RegistryResponse: Sendable {
    let status: Int
    let reason: String
    let headers: HTTPHeaders
    let body: [UInt8]
    /// The URL that answered, after redirects (relative `Link` headers resolve against it).
    let url: RegistryURL

    var isSuccess: Bool { (200..<300).contains(status) }

    /// `Content-Type` without parameters, lowercased.
    var contentType: String? {
        headers.first(name: "content-type").map { value in
            let type = value.split(separator: ";", maxSplits: 1).first ?? ""
            return type.filter { $0 != " " && $0 != "\t" }.lowercased()
        }
    }
}
