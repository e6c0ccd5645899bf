import TestSupport

/// Registry requests by kind, from a proxy's request log.
struct RequestTally: Sendable, Codable {
    var total = 0
    var tagLists = 0
    var manifestGets = 0
    var manifestHeads = 0
    var blobGets = 0
    var other = 0
    /// Repositories whose tags were listed, and the most listings any one of them got.
    var listedRepositories = 0
    var maxListingsPerRepository = 0
    /// Manifest requests for a (repository, reference) already asked in this run.
    var repeatedManifestRequests = 0

    init() {}

    init(_ requests: some Sequence<RecordedRequest>) {
        var listings: [String: Int] = [:]
        var manifests: [String: Int] = [:]
        for request in requests {
            total += 1
            let path = request.path
            if path.hasSuffix("/tags/list") {
                tagLists += 1
                listings[path, default: 0] += 1
            } else if path.contains("/manifests/") {
                if request.method == "HEAD" { manifestHeads += 1 } else { manifestGets += 1 }
                manifests[path, default: 0] += 1
            } else if path.contains("/blobs/") {
                blobGets += 1
            } else {
                other += 1
            }
        }
        listedRepositories = listings.count
        maxListingsPerRepository = listings.values.max() ?? 0
        repeatedManifestRequests = manifests.values.reduce(0) { $0 + $1 - 1 }
    }

    var summary: String {
        "\(total) (tags \(tagLists), manifest GET \(manifestGets), manifest HEAD \(manifestHeads), blobs \(blobGets)"
            + (other > 0 ? ", other \(other))" : ")")
    }
}
