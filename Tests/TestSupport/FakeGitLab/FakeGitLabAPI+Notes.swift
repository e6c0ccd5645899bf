import Foundation

extension FakeGitLabAPI {
    private func notes(_ request: FakeGitLabRequest) async -> (FakeMergeRequestRecord, [FakeNoteRecord])? {
        guard let project = request.project, let iid = request.number("merge_request_iid"),
            let record = await store.mergeRequest(iid, in: request.key)
        else { return nil }
        return (record, await store.notes(of: iid, projectID: project.id))
    }

    private func noteJSON(_ note: FakeNoteRecord) async -> JSONValue {
        json.note(note, author: await store.user(id: note.authorID))
    }

    func listNotes(_ request: FakeGitLabRequest) async -> FakeGitLabAnswer {
        guard var (_, notes) = await notes(request) else { return .message(404, "404 Not found") }
        let byUpdate = request.query["order_by"] == "updated_at"
        notes.sort {
            byUpdate ? ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) : ($0.createdAt, $0.id) < ($1.createdAt, $1.id)
        }
        // The notes page gives `desc` as the default.
        if request.query["sort"] != "asc" { notes.reverse() }
        var items: [JSONValue] = []
        for note in notes { items.append(await noteJSON(note)) }
        return await page(items, request)
    }

    func getNote(_ request: FakeGitLabRequest) async -> FakeGitLabAnswer {
        guard let (_, notes) = await notes(request), let id = request.number("note_id"),
            let note = notes.first(where: { $0.id == id })
        else { return .notFound("Note") }
        return FakeGitLabAnswer(status: 200, json: await noteJSON(note))
    }

    func createNote(_ request: FakeGitLabRequest) async -> FakeGitLabAnswer {
        guard let iid = request.number("merge_request_iid"), let body = request.string("body"),
            let note = await store.addNote(
                to: iid, in: request.key, authorID: request.caller.id, body: body, system: false, at: Date())
        else { return .message(404, "404 Not found") }
        return FakeGitLabAnswer(status: 201, json: await noteJSON(note))
    }

    func listAwards(_ request: FakeGitLabRequest) async -> FakeGitLabAnswer {
        guard let (_, notes) = await notes(request), let id = request.number("note_id"),
            let note = notes.first(where: { $0.id == id })
        else { return .notFound("Note") }
        var items: [JSONValue] = []
        for award in note.awards {
            items.append(json.award(award, on: note.id, user: await store.user(id: award.userID)))
        }
        return await page(items, request)
    }

    func createAward(_ request: FakeGitLabRequest) async -> FakeGitLabAnswer {
        guard let project = request.project, await notes(request) != nil, let id = request.number("note_id"),
            let name = request.string("name")
        else { return .notFound("Note") }
        guard let (award, isNew) = await store.award(name, to: id, projectID: project.id, userID: request.caller.id)
        else { return .notFound("Note") }
        // Undocumented in the notes: GitLab refuses a second identical award through its validation errors.
        guard isNew else { return .message(404, "404 Award Emoji Name has already been taken Not Found") }
        return FakeGitLabAnswer(status: 201, json: json.award(award, on: id, user: request.caller))
    }
}
