import Crypto
import Foundation

/// Turns a registry push notification into image triggers, one per image repository pushed to.
///
/// Only pushes of a tag count: blob uploads and pushes by digest change no tag, so no
/// Application could move.
struct RegistryWebhook {
    static let source = "registry"

    /// The decision and, for distribution envelopes, a delivery id built from the event ids
    /// (the registry resends the same envelope until it gets a 2xx).
    func decide(body: Data) throws(WebhookRejection) -> (WebhookDecision, deliveryID: String?) {
        let payload = try PayloadDecoder.decode(RegistryPayloads.Notification.self, from: body, source: Self.source)
        if let events = payload.events {
            let pushes = events.compactMap { event -> String? in
                guard event.action == "push", let target = event.target, let repository = target.repository,
                    target.tag?.isEmpty == false
                else { return nil }
                return Self.imageRepository(host: event.request?.host, path: repository)
            }
            let ids = events.compactMap(\.id)
            let deliveryID = ids.isEmpty ? nil : Self.digest(ids.joined(separator: ","))
            return (Self.decision(pushes, none: "no tag pushed in \(events.count) event(s)"), deliveryID)
        }
        if let repository = payload.repository {
            guard payload.pushData?.tag?.isEmpty == false else { return (.ignore("no tag in push_data"), nil) }
            return (Self.decision([Self.imageRepository(host: "docker.io", path: repository.repoName)], none: ""), nil)
        }
        if let resources = payload.eventData?.resources {
            guard payload.type == "PUSH_ARTIFACT" || payload.type == "pushImage" else {
                return (.ignore("harbor event \(payload.type.map(PayloadText.shown) ?? "without type")"), nil)
            }
            let pushes = resources.compactMap { resource -> String? in
                guard resource.tag?.isEmpty == false, let url = resource.resourceURL else { return nil }
                return Self.stripReference(url)
            }
            return (Self.decision(pushes, none: "no tag pushed"), nil)
        }
        throw .malformed(
            Self.source,
            "neither a distribution envelope (events), Docker Hub (push_data) nor Harbor (event_data) notification")
    }

    private static func decision(_ repositories: [String], none: String) -> WebhookDecision {
        var seen = Set<String>()
        let unique = repositories.filter { seen.insert($0).inserted }
        return unique.isEmpty ? .ignore(none) : .trigger(unique.map { .image(repository: $0) })
    }

    /// `host/path`; without a host (some proxies drop `request.host`) the bare path.
    private static func imageRepository(host: String?, path: String) -> String {
        guard let host, !host.isEmpty else { return path.lowercased() }
        return "\(host.lowercased())/\(path)"
    }

    /// `host/path:tag` or `host/path@digest` → `host/path`.
    private static func stripReference(_ reference: String) -> String {
        var text = Substring(reference)
        if let at = text.firstIndex(of: "@") { text = text[..<at] }
        if let colon = text.lastIndex(of: ":"), !text[colon...].contains("/") { text = text[..<colon] }
        return String(text)
    }

    private static func digest(_ text: String) -> String {
        "registry:" + SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
