import Foundation

/// The hidden `<!-- argocd-image-pr: {...} -->` block of a bot pull request body: what it proposed.
struct PullRequestStateBlock: Sendable, Equatable, Decodable {
    struct Image: Sendable, Equatable, Decodable {
        var alias: String
        var to: String
    }

    var application: String
    var images: [Image]

    /// The block in `body`, or nil when there is none or it does not parse (a person may have edited it).
    init?(body: String) {
        guard let start = body.range(of: PullRequestContent.stateMarker, options: .backwards),
            let end = body.range(of: "-->", range: start.upperBound..<body.endIndex)
        else { return nil }
        let json = body[start.upperBound..<end.lowerBound]
        // Bounded: a state block is a few hundred bytes per image.
        guard json.utf8.count <= 64 << 10,
            let decoded = try? JSONDecoder().decode(Self.self, from: Data(json.utf8))
        else { return nil }
        self = decoded
    }
}
