import Foundation

/// Labels, reviewers, assignees and access levels: GitLab takes users by numeric id, so names are looked up
/// first (`GET /users?username=`).
extension GitLabForge {
    public func addLabels(_ labels: [String], to number: Int, in repository: ForgeRepository) async throws {
        guard !labels.isEmpty else { return }
        let operation = "GitLab add labels to !\(number)"
        try refuseJobToken(operation, repository)
        // `add_labels` keeps the labels people put on, and creates missing project labels.
        try await put(["add_labels": labels.joined(separator: ",")], on: number, repository, operation)
    }

    public func requestReviewers(_ reviewers: [String], on number: Int, in repository: ForgeRepository) async throws {
        guard !reviewers.isEmpty else { return }
        let operation = "GitLab request reviewers on !\(number)"
        try await addPeople(reviewers, field: "reviewer_ids", to: number, repository, operation) { $0.reviewers }
    }

    public func addAssignees(_ assignees: [String], to number: Int, in repository: ForgeRepository) async throws {
        guard !assignees.isEmpty else { return }
        let operation = "GitLab add assignees to !\(number)"
        try await addPeople(assignees, field: "assignee_ids", to: number, repository, operation) { $0.assignees }
    }

    public func permission(of user: String, in repository: ForgeRepository) async throws -> AccessLevel {
        let operation = "GitLab read access level of \(user)"
        try refuseJobToken(operation, repository)
        guard let id = try await userID(user, repository, operation) else { return .none }
        // `members/all` includes inherited and invited members and answers with the highest role.
        let url = try projectURL(repository, operation, ["members", "all", String(id)])
        let response = try await rest.send(.GET, url, operation: operation, repository: repository.path)
        if response.status == 404 { return .none }
        guard response.isSuccess else { throw rest.failure(response, operation, repository.path) }
        let member = try decode(GitLabPayloads.Member.self, response.body, operation, repository)
        if let state = member.state, state != "active" { return .none }
        return AccessLevel(gitLabAccessLevel: member.access_level)
    }

    /// `reviewer_ids`/`assignee_ids` replace the whole set, so the people already there are kept.
    private func addPeople(
        _ names: [String], field: String, to number: Int, _ repository: ForgeRepository, _ operation: String,
        current: (GitLabPayloads.MergeRequest) -> [GitLabPayloads.User]?
    ) async throws {
        try refuseJobToken(operation, repository)
        var ids: [Int] = []
        for name in names {
            guard let id = try await userID(name, repository, operation) else {
                throw ForgeError.status(404, operation, repository.path, message: "no GitLab user named \(name)")
            }
            ids.append(id)
        }
        let existing = (current(try await mergeRequest(number, repository, operation)) ?? []).map(\.id)
        let wanted = existing + ids.filter { !existing.contains($0) }
        guard wanted != existing else { return }
        try await put([field: wanted], on: number, repository, operation)
    }

    /// The numeric id of a username (matched case-insensitively, a leading `@` ignored), nil when none.
    func userID(_ name: String, _ repository: ForgeRepository, _ operation: String) async throws -> Int? {
        let username = name.hasPrefix("@") ? String(name.dropFirst()) : name
        guard !username.isEmpty else { return nil }
        let url = apiURL(["users"], ["username": username])
        let response = try await rest.expectSuccess(.GET, url, operation: operation, repository: repository.path)
        let users = try decode([GitLabPayloads.User].self, response.body, operation, repository)
        return users.first { $0.username.lowercased() == username.lowercased() }?.id
    }

    /// Ids of the users that exist; the others are logged and left out.
    func userIDsOrNone(_ names: [String], _ repository: ForgeRepository, _ operation: String) async -> [Int] {
        var ids: [Int] = []
        for name in names {
            do {
                if let id = try await userID(name, repository, operation) {
                    ids.append(id)
                } else {
                    rest.logger.warning(
                        "no such GitLab user",
                        metadata: ["forge.repository": "\(repository.path)", "forge.user": "\(name)"])
                }
            } catch {
                rest.logger.warning(
                    "could not look up a GitLab user",
                    metadata: ["forge.repository": "\(repository.path)", "forge.error": "\(error)"])
            }
        }
        return ids
    }
}
