/// Trimmed webhook bodies in the shapes GitHub, GitLab and registries send.
enum Payloads {
    static let repository =
        #""repository": {"html_url": "https://github.com/acme/charts", "clone_url": "https://github.com/acme/charts.git"}"#

    static let prComment = """
        {"action": "created", "issue": {"number": 7, "pull_request": {"url": "x"}},
         "comment": {"id": 99, "body": "/pin frontend"}, \(repository)}
        """

    static let issueComment = """
        {"action": "created", "issue": {"number": 8}, "comment": {"id": 100}, \(repository)}
        """

    static let pullRequestClosed = """
        {"action": "closed", "pull_request": {"merged": true}, \(repository)}
        """

    static func push(ref: String) -> String {
        #"{"ref": "\#(ref)", "deleted": false, \#(repository)}"#
    }

    static let packagePublished = """
        {"action": "published", "registry_package": {"name": "frontend", "namespace": "Acme",
         "package_type": "CONTAINER", "registry": {"url": "https://ghcr.io"}}, \(repository)}
        """

    static let gitlabProject = #""project": {"web_url": "https://gitlab.example.com/acme/charts"}"#

    static let gitlabNote = """
        {"object_kind": "note", "object_attributes": {"id": 501, "noteable_type": "MergeRequest", "note": "/skip"},
         "merge_request": {"iid": 12}, \(gitlabProject)}
        """

    static let gitlabPush = #"{"ref": "refs/heads/main", "after": "abc123", \#(gitlabProject)}"#

    static let distributionEnvelope = """
        {"events": [
          {"id": "e1", "action": "push", "target": {"mediaType": "application/octet-stream",
           "repository": "team/blobonly"}, "request": {"host": "registry.local:5000"}},
          {"id": "e2", "action": "push", "target": {"mediaType": "application/vnd.oci.image.manifest.v1+json",
           "repository": "team/frontend", "tag": "main-b99bc73"}, "request": {"host": "registry.local:5000"}},
          {"id": "e3", "action": "pull", "target": {"repository": "team/backend", "tag": "1.0"},
           "request": {"host": "registry.local:5000"}}
        ]}
        """

    static let dockerHub = """
        {"callback_url": "https://registry.hub.docker.com/u/acme/backend/hook/x/",
         "push_data": {"pushed_at": 1700000000, "pusher": "ci", "tag": "main-1234567"},
         "repository": {"repo_name": "acme/backend", "namespace": "acme", "name": "backend"}}
        """
}
