import Foundation

/// Builds answers shaped like GitLab's, with the fields `Resources/gitlab-api.md` lists.
struct FakeGitLabJSON: Sendable {
    /// Web URL of the instance, path prefix included, e.g. `http://127.0.0.1:1234/gitlab`.
    let webURL: String

    static func timestamp(_ date: Date) -> JSONValue {
        // GitLab writes milliseconds: 2024-05-01T10:00:00.123Z.
        .string(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    static func optionalTimestamp(_ date: Date?) -> JSONValue {
        date.map(timestamp) ?? .null
    }

    func user(_ user: FakeGitLabUser) -> JSONValue {
        .object([
            "id": .integer(user.id), "username": .string(user.username), "name": .string(user.name),
            "state": "active", "locked": false, "avatar_url": .string("\(webURL)/uploads/-/avatar/\(user.id).png"),
            "web_url": .string("\(webURL)/\(user.username)"),
        ])
    }

    func mergeRequest(
        _ request: FakeMergeRequestRecord, in project: FakeProjectRecord, users: [FakeGitLabUser], notes: Int,
        single: Bool
    ) -> JSONValue {
        func person(_ id: Int?) -> JSONValue {
            guard let id, let found = users.first(where: { $0.id == id }) else { return .null }
            return user(found)
        }
        let assignees = JSONValue.array(request.assigneeIDs.map(person))
        let merged = request.state == "merged"
        var fields: [String: JSONValue] = [
            "id": .integer(request.id), "iid": .integer(request.iid), "project_id": .integer(project.id),
            "title": .string(request.title), "description": request.description.map(JSONValue.string) ?? .null,
            "state": .string(request.state), "created_at": Self.timestamp(request.createdAt),
            "updated_at": Self.timestamp(request.updatedAt), "merged_at": Self.optionalTimestamp(request.mergedAt),
            "closed_at": Self.optionalTimestamp(request.closedAt), "prepared_at": Self.timestamp(request.createdAt),
            "merge_after": .null, "source_branch": .string(request.sourceBranch),
            "target_branch": .string(request.targetBranch), "source_project_id": .integer(project.id),
            "target_project_id": .integer(project.id), "author": person(request.authorID), "assignees": assignees,
            "assignee": request.assigneeIDs.first.map(person) ?? .null,
            "reviewers": .array(request.reviewerIDs.map(person)),
            "merge_user": merged ? person(request.closedByID) : .null,
            "merged_by": merged ? person(request.closedByID) : .null,
            "closed_by": request.state == "closed" ? person(request.closedByID) : .null,
            "labels": .array(request.labels.map(JSONValue.string)), "draft": .bool(request.draft),
            "work_in_progress": .bool(request.draft), "milestone": .null,
            "detailed_merge_status": .string(request.state == "opened" ? "mergeable" : "not_open"),
            "merge_status": "can_be_merged", "has_conflicts": false, "blocking_discussions_resolved": true,
            "sha": .string(request.sha), "merge_commit_sha": merged ? .string(request.sha) : .null,
            "squash_commit_sha": .null, "user_notes_count": .integer(notes), "upvotes": 0, "downvotes": 0,
            "discussion_locked": .null, "should_remove_source_branch": .null, "force_remove_source_branch": false,
            "allow_collaboration": false, "squash": false, "squash_on_merge": false,
            "merge_when_pipeline_succeeds": false,
            "web_url": .string("\(webURL)/\(project.path)/-/merge_requests/\(request.iid)"),
            "references": .object([
                "short": .string("!\(request.iid)"), "relative": .string("!\(request.iid)"),
                "full": .string("\(project.path)!\(request.iid)"),
            ]),
            "reference": .string("!\(request.iid)"),
            "time_stats": .object([
                "time_estimate": 0, "total_time_spent": 0, "human_time_estimate": .null,
                "human_total_time_spent": .null,
            ]),
            "task_completion_status": .object(["count": 0, "completed_count": 0]), "imported": false,
            "imported_from": "none",
        ]
        if single {
            fields.merge([
                "subscribed": true, "changes_count": "1", "merge_error": .null, "pipeline": .null,
                "diff_refs": .object([
                    "base_sha": .string(request.sha), "head_sha": .string(request.sha),
                    "start_sha": .string(request.sha),
                ]),
                "diverged_commits_count": 0, "latest_build_started_at": .null, "latest_build_finished_at": .null,
                "first_deployed_to_production_at": .null,
            ]) { _, new in new }
        }
        return .object(fields)
    }

    func note(_ note: FakeNoteRecord, author: FakeGitLabUser?) -> JSONValue {
        let authorJSON: JSONValue =
            author.map {
                .object([
                    "id": .integer($0.id), "username": .string($0.username),
                    "email": .string("\($0.username)@example.invalid"), "name": .string($0.name), "state": "active",
                    "created_at": Self.timestamp(Date(timeIntervalSince1970: 1_600_000_000)),
                ])
            } ?? .null
        return .object([
            "id": .integer(note.id), "body": .string(note.body), "attachment": .null, "author": authorJSON,
            "created_at": Self.timestamp(note.createdAt), "updated_at": Self.timestamp(note.updatedAt),
            "system": .bool(note.system), "noteable_id": .integer(note.mergeRequestID),
            "noteable_type": "MergeRequest", "noteable_iid": .integer(note.mergeRequestIID),
            "project_id": .integer(note.projectID), "resolvable": false, "confidential": false, "internal": false,
            "imported": false, "imported_from": "none",
        ])
    }

    func award(_ award: FakeAwardRecord, on noteID: Int, user: FakeGitLabUser?) -> JSONValue {
        .object([
            "id": .integer(award.id), "name": .string(award.name), "user": user.map(self.user) ?? .null,
            "created_at": Self.timestamp(award.createdAt), "updated_at": Self.timestamp(award.createdAt),
            "awardable_id": .integer(noteID), "awardable_type": "Note",
        ])
    }

    func member(_ user: FakeGitLabUser, level: Int, creator: FakeGitLabUser?) -> JSONValue {
        guard case .object(var fields) = self.user(user) else { return .null }
        fields.removeValue(forKey: "locked")
        fields["access_level"] = .integer(level)
        fields["created_at"] = Self.timestamp(Date(timeIntervalSince1970: 1_600_000_000))
        fields["created_by"] = creator.map(self.user) ?? .null
        fields["expires_at"] = .null
        return .object(fields)
    }

    func branch(_ name: String, sha: String, in project: FakeProjectRecord) -> JSONValue {
        let date = Self.timestamp(Date(timeIntervalSince1970: 1_600_000_000))
        return .object([
            "name": .string(name), "merged": false, "protected": .bool(name == project.defaultBranch),
            "default": .bool(name == project.defaultBranch), "developers_can_push": false,
            "developers_can_merge": false, "can_push": true,
            "web_url": .string("\(webURL)/\(project.path)/-/tree/\(name)"),
            "commit": .object([
                "id": .string(sha), "short_id": .string(String(sha.prefix(8))), "created_at": date,
                "parent_ids": [], "title": "commit", "message": "commit\n", "author_name": "Fake Person",
                "author_email": "person@example.invalid", "authored_date": date, "committer_name": "Fake Person",
                "committer_email": "person@example.invalid", "committed_date": date, "trailers": .object([:]),
                "extended_trailers": .object([:]),
                "web_url": .string("\(webURL)/\(project.path)/-/commit/\(sha)"),
            ]),
        ])
    }
}
