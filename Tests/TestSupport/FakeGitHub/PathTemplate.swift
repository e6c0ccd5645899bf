import Foundation

/// An OpenAPI path template such as `/repos/{owner}/{repo}/git/ref/{ref}`, matched segment by segment with
/// parameters allowed to span several segments (GitHub takes `heads/feature/x` raw in `{ref}`).
struct PathTemplate: Sendable {
    private enum Segment: Sendable {
        case literal(String)
        case parameter(String)
    }

    /// Parameters GitHub takes with raw `/` inside (refs, file paths, branch and label names).
    private static let slashParameters: Set<String> = ["ref", "path", "branch", "basehead", "name"]

    let text: String
    private let segments: [Segment]

    init(_ text: String) {
        self.text = text
        self.segments = text.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// How many literal segments the template has; the best match is the one with the most.
    var literalCount: Int {
        segments.count { if case .literal = $0 { true } else { false } }
    }

    /// The parameters, percent-decoded, when `path` (without query) fits the template.
    func match(_ path: String) -> [String: String]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        return match(segmentIndex: 0, parts: parts[...], found: [:])
    }

    private func match(segmentIndex: Int, parts: ArraySlice<String>, found: [String: String]) -> [String: String]? {
        guard segmentIndex < segments.count else { return parts.isEmpty ? found : nil }
        switch segments[segmentIndex] {
        case .literal(let literal):
            guard parts.first == literal else { return nil }
            return match(segmentIndex: segmentIndex + 1, parts: parts.dropFirst(), found: found)
        case .parameter(let name):
            let remainingSegments = segments.count - segmentIndex - 1
            guard parts.count > remainingSegments else { return nil }
            let most = Self.slashParameters.contains(name) ? parts.count - remainingSegments : 1
            for take in stride(from: 1, through: most, by: 1) {
                let value = parts.prefix(take)
                guard value.allSatisfy({ !$0.isEmpty }) else { break }
                var next = found
                next[name] = value.joined(separator: "/").removingPercentEncoding ?? value.joined(separator: "/")
                if let result = match(segmentIndex: segmentIndex + 1, parts: parts.dropFirst(take), found: next) {
                    return result
                }
            }
            return nil
        }
    }
}
