import Foundation

/// Notes (comments) and emoji reactions on merge requests.
///
/// GitLab has no project-wide list of merge request notes, so "the notes since T" is read in two steps: the
/// project's merge requests by `updated_at`, newest first, until one is older than T (a new or edited note
/// touches its merge request), then the notes of each remaining one that has notes written by people (an
/// unchanged fleet would otherwise cost one notes call per open merge request per run). Given the merge
/// requests the caller just listed, the first step is skipped.
extension GitLabForge {
    /// How many merge requests' notes are read at the same time.
    private static let noteReaders = 4

    public func comment(on number: Int, body: String, in repository: ForgeRepository) async throws {
        let operation = "GitLab comment on !\(number)"
        try refuseJobToken(operation, repository)
        let url = try projectURL(repository, operation, ["merge_requests", String(number), "notes"])
        _ = try await rest.expectSuccess(
            .POST, url, json: GitLabPayloads.encode(["body": body]), operation: operation, repository: repository.path)
    }

    public func comments(in repository: ForgeRepository, since: Date?) async throws -> [ForgeComment] {
        let operation = "GitLab list merge requests with notes"
        let url = try projectURL(
            repository, operation, ["merge_requests"],
            ["state": "all", "order_by": "updated_at", "sort": "desc", "per_page": rest.pageSize])
        var touched: [GitLabPayloads.MergeRequest] = []
        let pages = try await rest.pages(url, operation: operation, repository: repository.path) { page in
            guard let since else { return false }
            let requests = try decode([GitLabPayloads.MergeRequest].self, page, operation, repository)
            return requests.last.map { $0.updated_at < since } ?? true
        }
        for page in pages {
            touched += try decode([GitLabPayloads.MergeRequest].self, page, operation, repository)
                .filter { (since == nil || $0.updated_at >= since!) && ($0.user_notes_count ?? 1) > 0 }
        }
        return try await notes(of: touched.map { ($0.iid, $0.web_url) }, in: repository, since: since)
    }

    /// The notes of the listed merge requests that changed since `since` and have notes by people: no
    /// listing of merge requests at all.
    public func comments(
        on pullRequests: [PullRequest], in repository: ForgeRepository, since: Date?
    ) async throws -> [ForgeComment] {
        let touched = pullRequests.filter { pull in
            let recent = since.map { since in pull.updatedAt.map { $0 >= since } ?? true } ?? true
            return recent && (pull.peopleNotes ?? 1) > 0
        }
        return try await notes(of: touched.map { ($0.number, $0.url) }, in: repository, since: since)
    }

    /// The notes of these merge requests (iid, web URL), a few read at the same time, oldest first.
    private func notes(
        of requests: [(iid: Int, url: String)], in repository: ForgeRepository, since: Date?
    ) async throws -> [ForgeComment] {
        let found = try await withThrowingTaskGroup(of: [ForgeComment].self) { group in
            var pending = requests.makeIterator()
            for _ in 0..<Self.noteReaders {
                guard let request = pending.next() else { break }
                group.addTask { try await notes(of: request.iid, webURL: request.url, in: repository, since: since) }
            }
            var all: [ForgeComment] = []
            while let batch = try await group.next() {
                all += batch
                if let request = pending.next() {
                    group.addTask {
                        try await notes(of: request.iid, webURL: request.url, in: repository, since: since)
                    }
                }
            }
            return all
        }
        return found.sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
    }

    public func react(to comment: ForgeComment, with reaction: Reaction, in repository: ForgeRepository) async throws {
        let operation = "GitLab react to note \(comment.id)"
        try refuseJobToken(operation, repository)
        let url = try projectURL(
            repository, operation,
            ["merge_requests", String(comment.pullRequestNumber), "notes", String(comment.id), "award_emoji"])
        let response = try await rest.send(
            .POST, url, json: GitLabPayloads.encode(["name": reaction.gitLabEmoji]), operation: operation,
            repository: repository.path)
        // The same emoji from the same user twice is refused ("has already been taken"): already done.
        if response.isSuccess || response.serverMessage.contains("already been taken") { return }
        throw rest.failure(response, operation, repository.path)
    }

    /// One merge request's notes written by people (system notes left out), updated at or after `since`.
    private func notes(
        of iid: Int, webURL: String, in repository: ForgeRepository, since: Date?
    ) async throws -> [ForgeComment] {
        let operation = "GitLab list notes of !\(iid)"
        let url = try projectURL(
            repository, operation, ["merge_requests", String(iid), "notes"],
            ["order_by": "updated_at", "sort": "desc", "per_page": rest.pageSize])
        let pages = try await rest.pages(url, operation: operation, repository: repository.path) { page in
            guard let since else { return false }
            let notes = try decode([GitLabPayloads.Note].self, page, operation, repository)
            return notes.last.map { $0.updated_at < since } ?? true
        }
        var result: [ForgeComment] = []
        for page in pages {
            for note in try decode([GitLabPayloads.Note].self, page, operation, repository) {
                guard note.system != true, since == nil || note.updated_at >= since! else { continue }
                result.append(
                    ForgeComment(
                        id: note.id, pullRequestNumber: note.noteable_iid ?? iid,
                        author: note.author?.username ?? "", body: note.body ?? "", createdAt: note.created_at,
                        updatedAt: note.updated_at, url: "\(webURL)#note_\(note.id)"))
            }
        }
        return result
    }
}
