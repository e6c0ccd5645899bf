import Foundation

extension FakeGitLabAPI {
    private static let unimplementedFilters = [
        "author_id", "iids[]", "search", "in", "draft", "wip", "view", "with_labels_details",
        "with_merge_status_recheck",
    ]

    /// Merge requests with their head commits read from git first.
    private func refreshed(_ request: FakeGitLabRequest) async throws -> [FakeMergeRequestRecord] {
        guard let project = request.project else { return [] }
        await store.refresh(request.key, branches: try await git.branches(in: project.gitDirectory))
        return await store.mergeRequests(in: request.key)
    }

    func mergeRequestJSON(
        _ record: FakeMergeRequestRecord, _ request: FakeGitLabRequest, single: Bool
    ) async -> JSONValue {
        guard let project = request.project else { return .null }
        let notes = await store.notes(of: record.iid, projectID: project.id).count { !$0.system }
        return json.mergeRequest(record, in: project, users: await store.users, notes: notes, single: single)
    }

    func listMergeRequests(_ request: FakeGitLabRequest) async throws -> FakeGitLabAnswer {
        for name in Self.unimplementedFilters where request.query[name] != nil {
            await store.addProblem("\(request.route.name): `\(name)` is documented but not implemented by the fake")
        }
        var records = try await refreshed(request)
        let query = request.query
        if let state = query["state"], state != "all" { records = records.filter { $0.state == state } }
        if let source = query["source_branch"] { records = records.filter { $0.sourceBranch == source } }
        if let target = query["target_branch"] { records = records.filter { $0.targetBranch == target } }
        if let author = query["author_username"], let user = await store.existingUser(named: author) {
            records = records.filter { $0.authorID == user.id }
        } else if query["author_username"] != nil {
            records = []
        }
        if let labels = query["labels"] {
            let wanted = labels.split(separator: ",").map(String.init)
            records = records.filter { record in wanted.allSatisfy(record.labels.contains) }
        }
        let order = query["order_by"] ?? "created_at"
        records.sort { left, right in
            switch order {
            case "updated_at": (left.updatedAt, left.iid) < (right.updatedAt, right.iid)
            case "title": (left.title, left.iid) < (right.title, right.iid)
            case "merged_at":
                (left.mergedAt ?? .distantPast, left.iid) < (right.mergedAt ?? .distantPast, right.iid)
            default: (left.createdAt, left.iid) < (right.createdAt, right.iid)
            }
        }
        // GitLab's default order is descending.
        if query["sort"] != "asc" { records.reverse() }
        var items: [JSONValue] = []
        for record in records { items.append(await mergeRequestJSON(record, request, single: false)) }
        return await page(items, request)
    }

    func getMergeRequest(_ request: FakeGitLabRequest) async throws -> FakeGitLabAnswer {
        _ = try await refreshed(request)
        guard let iid = request.number("merge_request_iid"), let record = await store.mergeRequest(iid, in: request.key)
        else { return .message(404, "404 Not found") }
        return FakeGitLabAnswer(status: 200, json: await mergeRequestJSON(record, request, single: true))
    }

    func createMergeRequest(_ request: FakeGitLabRequest) async throws -> FakeGitLabAnswer {
        guard let project = request.project, let source = request.string("source_branch"),
            let target = request.string("target_branch"), let title = request.string("title")
        else { return FakeGitLabAnswer(status: 400, json: .object(["error": "title is missing"])) }
        let branches = try await git.branches(in: project.gitDirectory)
        guard let sha = branches[source] else {
            return FakeGitLabAnswer(
                status: 400, json: .object(["message": .array([.string("Source branch \"\(source)\" does not exist")])])
            )
        }
        guard branches[target] != nil else {
            return FakeGitLabAnswer(
                status: 400, json: .object(["message": .array([.string("Target branch \"\(target)\" does not exist")])])
            )
        }
        let known = Set(await store.users.map(\.id))
        let result = await store.createMergeRequest(
            in: request.key, title: title, description: request.string("description"), source: source,
            target: target, sha: sha, authorID: request.caller.id)
        switch result {
        case .success(let created):
            let labels = request.list("labels") ?? []
            let assignees = (request.ids("assignee_ids") ?? []).filter(known.contains)
            let reviewers = (request.ids("reviewer_ids") ?? []).filter(known.contains)
            let record =
                await store.updateMergeRequest(created.iid, in: request.key) { record in
                    record.labels = labels
                    record.assigneeIDs = assignees
                    record.reviewerIDs = reviewers
                } ?? created
            return FakeGitLabAnswer(status: 201, json: await mergeRequestJSON(record, request, single: true))
        case .failure(let existing):
            let reference = existing.description.replacingOccurrences(of: "fake GitLab: ", with: "")
            let message = "Another open merge request already exists for this source branch: \(reference)"
            return FakeGitLabAnswer(status: 409, json: .object(["message": .array([.string(message)])]))
        }
    }

    func updateMergeRequest(_ request: FakeGitLabRequest) async throws -> FakeGitLabAnswer {
        _ = try await refreshed(request)
        guard let iid = request.number("merge_request_iid") else { return .message(404, "404 Not found") }
        let known = Set(await store.users.map(\.id))
        let caller = request.caller.id
        let updated = await store.updateMergeRequest(iid, in: request.key) { record in
            if let title = request.string("title") { record.title = title }
            if let description = request.string("description") { record.description = description }
            if let target = request.string("target_branch") { record.targetBranch = target }
            if let labels = request.list("labels") { record.labels = labels }
            for label in request.list("add_labels") ?? [] where !record.labels.contains(label) {
                record.labels.append(label)
            }
            if let removed = request.list("remove_labels") { record.labels.removeAll(where: removed.contains) }
            if let ids = request.ids("assignee_ids") { record.assigneeIDs = ids.filter(known.contains) }
            if let ids = request.ids("reviewer_ids") { record.reviewerIDs = ids.filter(known.contains) }
            switch (request.string("state_event"), record.state) {
            case ("close", "opened"):
                record.state = "closed"
                record.closedAt = Date()
                record.closedByID = caller
            case ("reopen", "closed"):
                record.state = "opened"
                record.closedAt = nil
            default: break
            }
        }
        guard let updated else { return .message(404, "404 Not found") }
        return FakeGitLabAnswer(status: 200, json: await mergeRequestJSON(updated, request, single: true))
    }
}
