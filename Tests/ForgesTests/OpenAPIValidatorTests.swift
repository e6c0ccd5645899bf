import Foundation
import TestSupport
import Testing

@Suite("OpenAPI validator self-test")
struct OpenAPIValidatorTests {
    let validator: OpenAPIValidator

    init() throws {
        validator = try OpenAPIValidator.gitHubSubset()
    }

    @Test func pathParametersMayHoldSlashes() throws {
        let operation = try #require(validator.operation(method: "GET", path: "/repos/o/r/git/ref/heads/feature/x"))
        #expect(operation.id == "git/get-ref")
        #expect(operation.pathParameters["ref"] == "heads/feature/x")
        let comments = try #require(validator.operation(method: "GET", path: "/repos/o/r/issues/comments"))
        #expect(comments.id == "issues/list-comments-for-repo")
        #expect(validator.operation(method: "GET", path: "/repos/o/r/nonsense/path") == nil)
    }

    @Test func aWrongResponseBodyIsFlagged() {
        let body = JSONValue.object(["number": "1", "state": "weird", "title": .null]).data
        let verdict = validator.checkResponse(method: "GET", path: "/repos/o/r/pulls/1", status: 200, body: body)
        #expect(verdict.problems.contains { $0.contains("$.number: expected integer") })
        #expect(verdict.problems.contains { $0.contains("$.state") && $0.contains("not one of") })
        #expect(verdict.problems.contains { $0.contains("$.title: null") })
        #expect(verdict.problems.contains { $0.contains("missing required property \"head\"") })
    }

    @Test func aWrongRequestIsFlagged() {
        let missingBase = JSONValue.object(["title": "t", "head": "b"]).data
        let create = validator.checkRequest(method: "POST", path: "/repos/o/r/pulls", query: [:], body: missingBase)
        #expect(create.problems.contains { $0.contains("missing required property \"base\"") })

        let badQuery = validator.checkRequest(
            method: "GET", path: "/repos/o/r/pulls", query: ["state": "merged", "per_page": "many"], body: nil)
        #expect(badQuery.problems.count == 2)

        let badReaction = JSONValue.object(["content": "thumbsup"]).data
        let react = validator.checkRequest(
            method: "POST", path: "/repos/o/r/issues/comments/5/reactions", query: [:], body: badReaction)
        #expect(react.problems.count == 1)

        let unknown = validator.checkRequest(method: "PUT", path: "/repos/o/r/pulls", query: [:], body: nil)
        #expect(unknown.problems.count == 1)
    }

    @Test func goodExchangesPass() {
        let labels = JSONValue.object(["labels": ["argocd-image-pr"]]).data
        #expect(
            validator.checkRequest(method: "POST", path: "/repos/o/r/issues/3/labels", query: [:], body: labels)
                .problems.isEmpty)
        let permission = validator.checkResponse(
            method: "GET", path: "/repos/o/r/collaborators/alice/permission", status: 200,
            body: JSONValue.object(["permission": "write", "user": .null]).data)
        #expect(permission.problems.isEmpty)
        let undocumented = validator.checkResponse(method: "GET", path: "/repos/o/r/pulls", status: 502, body: nil)
        #expect(undocumented.problems.isEmpty)
        #expect(undocumented.warnings.count == 1)
    }
}
