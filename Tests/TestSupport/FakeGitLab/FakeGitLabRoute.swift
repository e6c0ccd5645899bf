/// One documented GitLab REST v4 endpoint (from `Resources/gitlab-api.md`) with the parameters the notes list;
/// the fake checks every request against these.
struct FakeGitLabRoute: Sendable {
    let method: String
    /// Path below `/api/v4` with `:name` parameters, e.g. `/projects/:id/merge_requests/:merge_request_iid`.
    let template: String
    /// Query parameters the notes document.
    let query: Set<String>
    /// JSON body attributes the notes document.
    let body: Set<String>
    /// Attributes the notes mark required.
    let required: Set<String>
    /// Whether a CI/CD job token may call it (the notes' list).
    let jobToken: Bool

    /// `METHOD template`, e.g. `POST /projects/:id/merge_requests`: the key for calls and injected failures.
    var name: String { "\(method) \(template)" }

    private init(
        _ method: String, _ template: String, query: Set<String> = [], body: Set<String> = [],
        required: Set<String> = [], jobToken: Bool = false
    ) {
        self.method = method
        self.template = template
        self.query = query
        self.body = body
        self.required = required
        self.jobToken = jobToken
    }

    /// The percent-decoded path parameters when `segments` (the raw path below `/api/v4`, split at `/`) fit.
    func match(method: String, segments: [String]) -> [String: String]? {
        let parts = template.split(separator: "/").map(String.init)
        guard method == self.method, parts.count == segments.count else { return nil }
        var found: [String: String] = [:]
        for (part, segment) in zip(parts, segments) {
            if part.hasPrefix(":") {
                guard !segment.isEmpty else { return nil }
                found[String(part.dropFirst())] = segment.removingPercentEncoding ?? segment
            } else if part != segment {
                return nil
            }
        }
        return found
    }

    static func find(method: String, segments: [String]) -> (FakeGitLabRoute, [String: String])? {
        for route in all {
            if let parameters = route.match(method: method, segments: segments) { return (route, parameters) }
        }
        return nil
    }

    private static let paging: Set<String> = ["page", "per_page"]
    private static let mergeRequest = "/projects/:id/merge_requests/:merge_request_iid"
    private static let note = mergeRequest + "/notes/:note_id"

    static let all: [FakeGitLabRoute] = [
        Self(
            "GET", "/projects/:id/merge_requests",
            query: paging.union([
                "source_branch", "target_branch", "state", "labels", "author_id", "author_username", "iids[]",
                "order_by", "sort", "search", "in", "draft", "wip", "view", "with_labels_details",
                "with_merge_status_recheck",
            ]), jobToken: true),
        Self("GET", mergeRequest, jobToken: true),
        Self(
            "POST", "/projects/:id/merge_requests",
            body: [
                "source_branch", "target_branch", "title", "description", "labels", "assignee_id", "assignee_ids",
                "reviewer_ids", "milestone_id", "milestone", "remove_source_branch", "squash", "allow_collaboration",
                "allow_maintainer_to_push", "target_project_id", "merge_after", "approvals_before_merge",
            ], required: ["source_branch", "target_branch", "title"]),
        Self(
            "PUT", mergeRequest,
            body: [
                "title", "description", "target_branch", "labels", "add_labels", "remove_labels", "assignee_id",
                "assignee_ids", "reviewer_ids", "milestone_id", "milestone", "remove_source_branch", "squash",
                "discussion_locked", "allow_collaboration", "merge_after", "state_event",
            ]),
        Self("GET", mergeRequest + "/notes", query: paging.union(["sort", "order_by"]), jobToken: true),
        Self("GET", note, jobToken: true),
        Self(
            "POST", mergeRequest + "/notes", body: ["body", "created_at", "merge_request_diff_head_sha"],
            required: ["body"]),
        Self("PUT", note, body: ["body"], required: ["body"]),
        Self("DELETE", note),
        Self("GET", note + "/award_emoji", query: paging),
        Self("POST", note + "/award_emoji", body: ["name"], required: ["name"]),
        Self("DELETE", note + "/award_emoji/:award_id"),
        Self("GET", "/projects/:id/members/all/:user_id"),
        Self("GET", "/projects/:id/members/:user_id"),
        Self("GET", "/projects/:id/repository/branches/:branch"),
        Self("DELETE", "/projects/:id/repository/branches/:branch"),
        Self("GET", "/user"),
        Self("GET", "/users", query: paging.union(["username", "search"])),
        Self("GET", "/users/:user_id"),
    ]
}
