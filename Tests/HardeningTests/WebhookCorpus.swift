import Foundation

/// Valid webhook bodies, one per event the service reads, in the shapes GitHub, GitLab and registries send;
/// the fuzz tests start from these and break them.
enum WebhookCorpus {
    /// Where a body goes: the endpoint's source and the event header it comes with.
    struct Sample: Sendable {
        enum Source: String, Sendable { case github, gitlab, registry }
        let source: Source
        let event: String
        let body: String
    }

    static let repository =
        #""repository": {"html_url": "https://github.com/acme/charts", "clone_url": "https://github.com/acme/charts.git"}"#
    static let project = #""project": {"web_url": "https://gitlab.example.com/acme/charts", "id": 4}"#

    static let samples: [Sample] = [
        Sample(source: .github, event: "ping", body: #"{"zen": "Keep it logically awesome.", "hook_id": 1}"#),
        Sample(
            source: .github, event: "issue_comment",
            body: """
                {"action": "created", "issue": {"number": 7, "pull_request": {"url": "x"}},
                 "comment": {"id": 99, "body": "/pin frontend", "user": {"login": "alice"}}, \(repository)}
                """),
        Sample(
            source: .github, event: "issue_comment",
            body: #"{"action": "created", "issue": {"number": 8}, "comment": {"id": 100}, \#(repository)}"#),
        Sample(
            source: .github, event: "pull_request",
            body: #"{"action": "closed", "number": 7, "pull_request": {"merged": true}, \#(repository)}"#),
        Sample(
            source: .github, event: "push",
            body: #"{"ref": "refs/heads/main", "deleted": false, "after": "abc", \#(repository)}"#),
        Sample(
            source: .github, event: "push",
            body: #"{"ref": "refs/heads/argocd-image-pr/example", "deleted": false, \#(repository)}"#),
        Sample(
            source: .github, event: "registry_package",
            body: """
                {"action": "published", "registry_package": {"name": "frontend", "namespace": "Acme",
                 "package_type": "CONTAINER", "registry": {"url": "https://ghcr.io"}}, \(repository)}
                """),
        Sample(
            source: .github, event: "package",
            body: """
                {"action": "updated", "package": {"name": "backend", "namespace": "acme",
                 "package_type": "docker"}, \(repository)}
                """),
        Sample(
            source: .gitlab, event: "Note Hook",
            body: """
                {"object_kind": "note", "object_attributes": {"id": 501, "noteable_type": "MergeRequest",
                 "note": "/skip"}, "merge_request": {"iid": 12}, \(project)}
                """),
        Sample(
            source: .gitlab, event: "Merge Request Hook",
            body: #"{"object_kind": "merge_request", "object_attributes": {"action": "merge", "iid": 3}, \#(project)}"#
        ),
        Sample(
            source: .gitlab, event: "Push Hook",
            body: #"{"object_kind": "push", "ref": "refs/heads/main", "after": "abc123", \#(project)}"#),
        Sample(
            source: .registry, event: "push",
            body: """
                {"events": [
                  {"id": "e2", "action": "push", "target": {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                   "repository": "team/frontend", "tag": "main-b99bc73"}, "request": {"host": "registry.local:5000"}},
                  {"id": "e3", "action": "pull", "target": {"repository": "team/backend", "tag": "1.0"}}
                ]}
                """),
        Sample(
            source: .registry, event: "push",
            body: """
                {"callback_url": "https://registry.hub.docker.com/u/acme/backend/hook/x/",
                 "push_data": {"pushed_at": 1700000000, "pusher": "ci", "tag": "main-1234567"},
                 "repository": {"repo_name": "acme/backend", "namespace": "acme", "name": "backend"}}
                """),
        Sample(
            source: .registry, event: "push",
            body: """
                {"type": "PUSH_ARTIFACT", "occur_at": 1700000000, "event_data": {"resources": [
                  {"tag": "v1.2.3", "resource_url": "harbor.example.com/team/app:v1.2.3"}]}}
                """),
    ]

    /// Event headers worth trying besides the real ones.
    static let events: [String: [String]] = [
        "github": ["ping", "issue_comment", "pull_request", "push", "registry_package", "package", "star", "Push"],
        "gitlab": ["Note Hook", "Merge Request Hook", "Push Hook", "Tag Push Hook", "note"],
        "registry": ["push"],
    ]

    /// Strings a hostile sender likes to put in a field.
    static let hostileStrings: [String] = [
        "", " ", "created", "closed", "published", "refs/heads/main", "refs/tags/v1", "MergeRequest", "Issue",
        "0000000000000000000000000000000000000000", "refs/heads/argocd-image-pr/x", "PUSH_ARTIFACT", "container",
        "line\nbreak", "\u{1B}[31mred", "\u{0}", "\u{202E}evil", "😀", "..", "../../etc/passwd", "$(reboot)",
        "https://evil.example.com/x", "http://[::1]:0/", "::", "@", String(repeating: "x", count: 5_000),
    ]
}
