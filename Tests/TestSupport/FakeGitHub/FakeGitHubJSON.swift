import Foundation

/// Builds answers shaped like GitHub's (every property the description requires, with realistic values).
struct FakeGitHubJSON: Sendable {
    /// e.g. `http://127.0.0.1:1234/api/v3`
    let apiURL: String
    /// e.g. `http://127.0.0.1:1234`
    let webURL: String

    static func timestamp(_ date: Date) -> JSONValue {
        .string(date.formatted(.iso8601))
    }

    static func optionalTimestamp(_ date: Date?) -> JSONValue {
        date.map(timestamp) ?? .null
    }

    static func userID(_ login: String) -> Int {
        login.unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) % 1_000_000 } + 1
    }

    func user(_ login: String) -> JSONValue {
        let api = "\(apiURL)/users/\(login)"
        return .object([
            "login": .string(login), "id": .integer(Self.userID(login)), "node_id": .string("U_\(login)"),
            "avatar_url": .string("\(webURL)/avatars/\(login)"), "gravatar_id": "", "url": .string(api),
            "html_url": .string("\(webURL)/\(login)"), "followers_url": .string("\(api)/followers"),
            "following_url": .string("\(api)/following{/other_user}"), "gists_url": .string("\(api)/gists{/gist_id}"),
            "starred_url": .string("\(api)/starred{/owner}{/repo}"),
            "subscriptions_url": .string("\(api)/subscriptions"),
            "organizations_url": .string("\(api)/orgs"), "repos_url": .string("\(api)/repos"),
            "events_url": .string("\(api)/events{/privacy}"), "received_events_url": .string("\(api)/received_events"),
            "type": .string(login.hasSuffix("[bot]") ? "Bot" : "User"), "site_admin": false,
        ])
    }

    func repository(_ repository: FakeRepositoryRecord) -> JSONValue {
        let api = "\(apiURL)/repos/\(repository.fullName)"
        let html = "\(webURL)/\(repository.fullName)"
        var fields: [String: JSONValue] = [:]
        let urlKeys = [
            "archive", "assignees", "blobs", "branches", "collaborators", "comments", "commits", "compare", "contents",
            "contributors", "deployments", "downloads", "events", "forks", "git_commits", "git_refs", "git_tags",
            "hooks", "issue_comment", "issue_events", "issues", "keys", "labels", "languages", "merges", "milestones",
            "notifications", "pulls", "releases", "stargazers", "statuses", "subscribers", "subscription", "tags",
            "teams", "trees",
        ]
        for key in urlKeys { fields["\(key)_url"] = .string("\(api)/\(key.replacingOccurrences(of: "_", with: "/"))") }
        for key in [
            "forks", "forks_count", "open_issues", "open_issues_count", "size", "stargazers_count", "watchers",
            "watchers_count", "network_count", "subscribers_count",
        ] {
            fields[key] = 0
        }
        for key in ["has_downloads", "has_issues", "has_projects", "has_wiki"] { fields[key] = true }
        for key in ["fork", "has_pages", "archived", "disabled", "private"] { fields[key] = false }
        for key in ["description", "homepage", "language", "mirror_url", "license"] { fields[key] = .null }
        let created = Self.timestamp(Date(timeIntervalSince1970: 1_600_000_000))
        fields.merge([
            "id": .integer(repository.id), "node_id": .string("R_\(repository.id)"), "name": .string(repository.name),
            "full_name": .string(repository.fullName), "owner": user(repository.owner), "url": .string(api),
            "html_url": .string(html), "clone_url": .string("\(html).git"), "git_url": .string("\(html).git"),
            "ssh_url": .string("git@127.0.0.1:\(repository.fullName).git"), "svn_url": .string(html),
            "default_branch": .string(repository.defaultBranch), "created_at": created, "updated_at": created,
            "pushed_at": created, "visibility": "public",
        ]) { _, new in new }
        return .object(fields)
    }

    func label(_ name: String, id: Int, in repository: FakeRepositoryRecord) -> JSONValue {
        .object([
            "id": .integer(id), "node_id": .string("LA_\(id)"),
            "url": .string("\(apiURL)/repos/\(repository.fullName)/labels/\(name)"), "name": .string(name),
            // Empty, not null: pull-request-simple's inline label schema has a non-nullable description.
            "description": "", "color": "ededed", "default": false,
        ])
    }

    func pull(_ pull: FakePullRecord, in repository: FakeRepositoryRecord) -> JSONValue {
        let api = "\(apiURL)/repos/\(repository.fullName)"
        let html = "\(webURL)/\(repository.fullName)/pull/\(pull.number)"
        let issue = "\(api)/issues/\(pull.number)"
        let labels = pull.labels.map { label($0, id: repository.labels[$0] ?? 0, in: repository) }
        func branch(_ ref: String, _ sha: String) -> JSONValue {
            .object([
                "label": .string("\(repository.owner):\(ref)"), "ref": .string(ref), "sha": .string(sha),
                "user": user(repository.owner), "repo": self.repository(repository),
            ])
        }
        func link(_ href: String) -> JSONValue { .object(["href": .string(href)]) }
        return .object([
            "url": .string("\(api)/pulls/\(pull.number)"), "id": .integer(pull.id), "node_id": .string("PR_\(pull.id)"),
            "html_url": .string(html), "diff_url": .string("\(html).diff"), "patch_url": .string("\(html).patch"),
            "issue_url": .string(issue), "commits_url": .string("\(api)/pulls/\(pull.number)/commits"),
            "review_comments_url": .string("\(api)/pulls/\(pull.number)/comments"),
            "review_comment_url": .string("\(api)/pulls/comments{/number}"),
            "comments_url": .string("\(issue)/comments"),
            "statuses_url": .string("\(api)/statuses/\(pull.headSHA)"), "number": .integer(pull.number),
            "state": .string(pull.state), "locked": false, "title": .string(pull.title), "user": user(pull.author),
            "body": pull.body.map(JSONValue.string) ?? .null, "labels": .array(labels), "milestone": .null,
            "active_lock_reason": .null, "created_at": Self.timestamp(pull.createdAt),
            "updated_at": Self.timestamp(pull.updatedAt), "closed_at": Self.optionalTimestamp(pull.closedAt),
            "merged_at": Self.optionalTimestamp(pull.mergedAt),
            "merge_commit_sha": pull.merged ? .string(pull.headSHA) : .null,
            "assignee": pull.assignees.first.map(user) ?? .null, "assignees": .array(pull.assignees.map(user)),
            "requested_reviewers": .array(pull.reviewers.map(user)), "requested_teams": [],
            "head": branch(pull.head, pull.headSHA), "base": branch(pull.base, pull.baseSHA),
            "_links": .object([
                "self": link("\(api)/pulls/\(pull.number)"), "html": link(html), "issue": link(issue),
                "comments": link("\(issue)/comments"), "review_comments": link("\(api)/pulls/\(pull.number)/comments"),
                "review_comment": link("\(api)/pulls/comments{/number}"),
                "commits": link("\(api)/pulls/\(pull.number)/commits"),
                "statuses": link("\(api)/statuses/\(pull.headSHA)"),
            ]),
            "author_association": "MEMBER", "auto_merge": .null, "draft": .bool(pull.draft),
            "merged": .bool(pull.merged), "mergeable": true, "rebaseable": true, "mergeable_state": "clean",
            "merged_by": pull.merged ? user(repository.owner) : .null, "comments": 0, "review_comments": 0,
            "maintainer_can_modify": false, "commits": 1, "additions": 1, "deletions": 1, "changed_files": 1,
        ])
    }

    /// The issue view of a pull request (what `issues/add-assignees` answers).
    func issue(_ pull: FakePullRecord, in repository: FakeRepositoryRecord) -> JSONValue {
        let api = "\(apiURL)/repos/\(repository.fullName)"
        let issue = "\(api)/issues/\(pull.number)"
        return .object([
            "id": .integer(pull.id), "node_id": .string("I_\(pull.id)"), "url": .string(issue),
            "repository_url": .string(api), "labels_url": .string("\(issue)/labels{/name}"),
            "comments_url": .string("\(issue)/comments"), "events_url": .string("\(issue)/events"),
            "html_url": .string("\(webURL)/\(repository.fullName)/pull/\(pull.number)"),
            "number": .integer(pull.number), "state": .string(pull.state), "title": .string(pull.title),
            "body": pull.body.map(JSONValue.string) ?? .null, "user": user(pull.author),
            "labels": .array(pull.labels.map { label($0, id: repository.labels[$0] ?? 0, in: repository) }),
            "assignee": pull.assignees.first.map(user) ?? .null, "assignees": .array(pull.assignees.map(user)),
            "milestone": .null, "locked": false, "comments": 0, "closed_at": Self.optionalTimestamp(pull.closedAt),
            "created_at": Self.timestamp(pull.createdAt), "updated_at": Self.timestamp(pull.updatedAt),
            "author_association": "MEMBER",
            "pull_request": .object([
                "url": .string("\(api)/pulls/\(pull.number)"), "merged_at": Self.optionalTimestamp(pull.mergedAt),
                "html_url": .string("\(webURL)/\(repository.fullName)/pull/\(pull.number)"), "diff_url": .null,
                "patch_url": .null,
            ]),
        ])
    }

    func comment(_ comment: FakeCommentRecord) -> JSONValue {
        let api = "\(apiURL)/repos/\(comment.repository)"
        return .object([
            "id": .integer(comment.id), "node_id": .string("IC_\(comment.id)"),
            "url": .string("\(api)/issues/comments/\(comment.id)"), "body": .string(comment.body),
            "html_url": .string(
                "\(webURL)/\(comment.repository)/pull/\(comment.issueNumber)#issuecomment-\(comment.id)"),
            "issue_url": .string("\(api)/issues/\(comment.issueNumber)"), "user": user(comment.author),
            "created_at": Self.timestamp(comment.createdAt), "updated_at": Self.timestamp(comment.updatedAt),
            "author_association": "MEMBER",
        ])
    }

    func reaction(_ reaction: FakeReactionRecord) -> JSONValue {
        .object([
            "id": .integer(reaction.id), "node_id": .string("REA_\(reaction.id)"), "user": user(reaction.user),
            "content": .string(reaction.content), "created_at": Self.timestamp(reaction.createdAt),
        ])
    }

    func reference(_ ref: String, sha: String, in repository: FakeRepositoryRecord) -> JSONValue {
        let api = "\(apiURL)/repos/\(repository.fullName)"
        return .object([
            "ref": .string("refs/\(ref)"), "node_id": .string("REF_\(sha.prefix(8))"),
            "url": .string("\(api)/git/refs/\(ref)"),
            "object": .object(["type": "commit", "sha": .string(sha), "url": .string("\(api)/git/commits/\(sha)")]),
        ])
    }

    func basicError(_ message: String) -> JSONValue {
        .object(["message": .string(message), "documentation_url": "https://docs.github.com/rest"])
    }

    func validationError(
        _ message: String, resource: String, field: String? = nil, code: String = "custom"
    ) -> JSONValue {
        var error: [String: JSONValue] = ["resource": .string(resource), "code": .string(code)]
        if let field { error["field"] = .string(field) }
        if code == "custom" { error["message"] = .string(message) }
        return .object([
            "message": "Validation Failed", "documentation_url": "https://docs.github.com/rest",
            "errors": .array([.object(error)]),
        ])
    }
}
