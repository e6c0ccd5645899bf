import Foundation
import TestSupport
import Testing

/// The fake GitLab itself: answers shaped like the notes document, and requests outside them recorded.
@Suite("Fake GitLab conformance")
struct GitLabFakeTests {
    static let project = "platform/team/charts"
    static let encoded = "platform%2Fteam%2Fcharts"

    static func with(_ body: (FakeGitLab, [String: String]) async throws -> Void) async throws {
        let gitlab = try await FakeGitLab.start(jobToken: "job-1", pathPrefix: "/gitlab")
        do {
            try await gitlab.createProject(project, files: ["README.md": "x\n"])
            try await body(gitlab, ["PRIVATE-TOKEN": gitlab.token, "Content-Type": "application/json"])
        } catch {
            await gitlab.stop()
            throw error
        }
        await gitlab.stop()
    }

    static func json(_ response: TestHTTP.Response) throws -> JSONValue {
        try #require(JSONValue.parse(response.body))
    }

    @Test func mergeRequestsAndListsAreShapedAsDocumented() async throws {
        try await Self.with { gitlab, headers in
            try await gitlab.createBranch("feature", from: "main", project: Self.project)
            let base = "\(gitlab.apiURL)/projects/\(Self.encoded)/merge_requests"
            let body = Data(#"{"source_branch":"feature","target_branch":"main","title":"T"}"#.utf8)
            let created = try await TestHTTP.send("POST", base, headers: headers, body: body)
            #expect(created.status == 201)
            let request = try Self.json(created)
            #expect(request["iid"] == 1)
            #expect(request["id"] != request["iid"])
            #expect(request["state"] == "opened")
            #expect(request["references"]?["short"] == "!1")
            #expect(request["changes_count"] == "1")
            #expect(request["web_url"]?.stringValue == "\(gitlab.baseURL)/\(Self.project)/-/merge_requests/1")

            let again = try await TestHTTP.send("POST", base, headers: headers, body: body)
            #expect(again.status == 409)
            #expect(
                try Self.json(again)["message"]
                    == ["Another open merge request already exists for this source branch: !1"])

            let list = try await TestHTTP.send("GET", base + "?state=opened&per_page=1", headers: headers)
            #expect(list.status == 200)
            #expect(list.header("x-total") == "1")
            #expect(list.header("x-next-page") == "")
            #expect(list.header("x-page") == "1")
            #expect(list.header("link")?.contains("rel=\"first\"") == true)
            #expect(list.header("ratelimit-remaining") != nil)
            #expect(try Self.json(list).arrayValue?.first?["changes_count"] == nil)
            #expect(await gitlab.violations().isEmpty)
        }
    }

    @Test func errorsAreShapedAsDocumented() async throws {
        try await Self.with { gitlab, headers in
            let missing = try await TestHTTP.send(
                "GET", "\(gitlab.apiURL)/projects/nobody%2Fnothing/merge_requests", headers: headers)
            #expect(missing.status == 404)
            #expect(try Self.json(missing) == ["message": "404 Project Not Found"])
            let anonymous = try await TestHTTP.send("GET", "\(gitlab.apiURL)/projects/\(Self.encoded)/merge_requests")
            #expect(anonymous.status == 401)
            #expect(try Self.json(anonymous) == ["message": "401 Unauthorized"])
            let jobWrite = try await TestHTTP.send(
                "POST", "\(gitlab.apiURL)/projects/\(Self.encoded)/merge_requests", headers: ["JOB-TOKEN": "job-1"],
                body: Data(#"{"source_branch":"main","target_branch":"main","title":"T"}"#.utf8))
            #expect(jobWrite.status == 401)
            let jobRead = try await TestHTTP.send(
                "GET", "\(gitlab.apiURL)/projects/\(Self.encoded)/merge_requests", headers: ["JOB-TOKEN": "job-1"])
            #expect(jobRead.status == 200)
            #expect(await gitlab.violations().isEmpty)
        }
    }

    @Test(arguments: [
        ("GET", "/projects/platform/team/charts/merge_requests", nil as String?, "not a documented endpoint"),
        ("GET", "/projects/\(encoded)/merge_requests?head=x", nil, "`head` is not documented"),
        ("GET", "/projects/\(encoded)/merge_requests?state=open", nil, "`state=open` is not one of"),
        ("GET", "/projects/\(encoded)/merge_requests?per_page=500", nil, "`per_page` must be 1…100"),
        ("PUT", "/projects/\(encoded)/merge_requests/1", #"{"state":"closed"}"#, "`state` is not documented"),
        ("PUT", "/projects/\(encoded)/merge_requests/1", #"{"state_event":"merge"}"#, "close or reopen"),
        ("PUT", "/projects/\(encoded)/merge_requests/1", #"{"reviewer_ids":["bob"]}"#, "integer user ids"),
        (
            "POST", "/projects/\(encoded)/merge_requests", #"{"source_branch":"a","title":"T"}"#,
            "`target_branch` is missing"
        ),
        ("GET", "/projects/\(encoded)/issues", nil, "not a documented endpoint"),
    ])
    func requestsOutsideTheNotesAreViolations(
        method: String, path: String, body: String?, problem: String
    )
        async throws
    {
        try await Self.with { gitlab, headers in
            _ = try await TestHTTP.send(
                method, gitlab.apiURL + path, headers: headers, body: body.map { Data($0.utf8) })
            let violations = await gitlab.violations()
            #expect(violations.count == 1)
            #expect(violations.first?.contains(problem) == true, "\(violations)")
        }
    }
}
