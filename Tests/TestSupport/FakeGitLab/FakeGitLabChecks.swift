/// Checks a request against what `Resources/gitlab-api.md` documents for its route: parameter names, value
/// sets, types and sizes. Every problem becomes a recorded violation.
enum FakeGitLabChecks {
    private static let stringAttributes: Set<String> = [
        "source_branch", "target_branch", "title", "description", "labels", "add_labels", "remove_labels",
        "state_event", "body", "name", "milestone", "merge_after", "created_at", "merge_request_diff_head_sha",
    ]
    private static let idListAttributes: Set<String> = ["assignee_ids", "reviewer_ids"]

    static func check(_ route: FakeGitLabRoute, query: [String: String], body: JSONValue?) -> [String] {
        var problems: [String] = []
        func problem(_ text: String) { problems.append("\(route.name): \(text)") }
        for (name, value) in query.sorted(by: { $0.key < $1.key }) {
            guard route.query.contains(name) else {
                problem("query parameter `\(name)` is not documented")
                continue
            }
            if let allowed = allowedValues(name, route: route), !allowed.contains(value) {
                problem("`\(name)=\(value)` is not one of \(allowed.sorted())")
            }
            if name == "per_page", !(1...100).contains(Int(value) ?? 0) { problem("`per_page` must be 1…100") }
            if name == "page", (Int(value) ?? 0) < 1 { problem("`page` must be a positive integer") }
        }
        for name in route.required.sorted() where body?[name] == nil {
            problem("required attribute `\(name)` is missing")
        }
        guard let body else { return problems }
        guard let fields = body.objectValue else {
            problem("the body is not a JSON object")
            return problems
        }
        if route.body.isEmpty { problem("takes no body") }
        if route.method == "PUT", route.template.hasSuffix(":merge_request_iid"), fields.isEmpty {
            problem("at least one attribute must be given")
        }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard route.body.contains(name) else {
                problem("body attribute `\(name)` is not documented")
                continue
            }
            if stringAttributes.contains(name), value.stringValue == nil { problem("`\(name)` must be a string") }
            if idListAttributes.contains(name), value.arrayValue?.allSatisfy({ $0.intValue != nil }) != true {
                problem("`\(name)` must be an array of integer user ids")
            }
            if name == "state_event", let event = value.stringValue, !["close", "reopen"].contains(event) {
                problem("`state_event` must be close or reopen")
            }
        }
        if let description = fields["description"]?.stringValue, description.count > 1_048_576 {
            problem("`description` is longer than 1,048,576 characters")
        }
        if route.template.hasSuffix("/notes"), let text = fields["body"]?.stringValue, text.count > 1_000_000 {
            problem("`body` is longer than 1,000,000 characters")
        }
        return problems
    }

    private static func allowedValues(_ name: String, route: FakeGitLabRoute) -> Set<String>? {
        let isNotes = route.template.hasSuffix("/notes")
        switch name {
        case "state": return ["opened", "closed", "locked", "merged", "all"]
        case "sort": return ["asc", "desc"]
        case "order_by" where isNotes: return ["created_at", "updated_at"]
        case "order_by": return ["created_at", "updated_at", "merged_at", "title"]
        default: return nil
        }
    }
}
