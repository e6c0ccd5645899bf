import Foundation

/// App, installation and installation-token answers.
extension FakeGitHubJSON {
    static let appPermissions: JSONValue = [
        "contents": "write", "pull_requests": "write", "issues": "write", "metadata": "read",
    ]

    func app(_ app: FakeAppRecord) -> JSONValue {
        .object([
            "id": .integer(app.id), "slug": .string(app.slug), "node_id": .string("A_\(app.id)"),
            "owner": user("octo"), "name": .string(app.slug), "description": .null,
            "external_url": .string("\(webURL)/apps/\(app.slug)"), "html_url": .string("\(webURL)/apps/\(app.slug)"),
            "created_at": Self.timestamp(app.createdAt), "updated_at": Self.timestamp(app.createdAt),
            "permissions": Self.appPermissions, "events": ["pull_request", "issue_comment", "push"],
        ])
    }

    func installation(_ installation: FakeInstallationRecord, app: FakeAppRecord) -> JSONValue {
        let api = "\(apiURL)/app/installations/\(installation.id)"
        return .object([
            "id": .integer(installation.id), "app_id": .integer(app.id), "app_slug": .string(app.slug),
            "target_id": .integer(Self.userID(installation.owner)), "target_type": "Organization",
            "single_file_name": .null, "repository_selection": "all",
            "access_tokens_url": .string("\(api)/access_tokens"),
            "html_url": .string(
                "\(webURL)/organizations/\(installation.owner)/settings/installations/\(installation.id)"),
            "repositories_url": .string("\(apiURL)/installation/repositories"), "events": ["pull_request", "push"],
            "account": user(installation.owner), "permissions": Self.appPermissions,
            "created_at": Self.timestamp(installation.createdAt), "updated_at": Self.timestamp(installation.createdAt),
            "suspended_by": .null, "suspended_at": .null,
        ])
    }

    func installationToken(_ token: String, expiresAt: Date) -> JSONValue {
        .object([
            "token": .string(token), "expires_at": Self.timestamp(expiresAt), "permissions": Self.appPermissions,
            "repository_selection": "all",
        ])
    }
}
