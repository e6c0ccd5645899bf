import Foundation
import Testing

@testable import TestSupport

@Suite("Registry token auth")
struct TokenAuthTests {
    @Test("token flow: challenge, credentials checked, token accepted by the registry")
    func tokenFlow() async throws {
        try await withRegistry(auth: .token(user: "bot", password: "pw")) { registry in
            try await ImagePusher(registry: registry).push(TestImage(), repository: "team/app", tag: "v1")
            let realm = try #require(registry.tokenRealm)
            let service = try #require(registry.tokenService)

            let challenge = try await TestHTTP.send("GET", "\(registry.baseURL)/v2/team/app/tags/list")
            #expect(challenge.status == 401)
            let header = try #require(challenge.header("WWW-Authenticate"))
            #expect(header.hasPrefix("Bearer "))
            #expect(header.contains("realm=\"\(realm)\""))
            #expect(header.contains("service=\"\(service)\""))

            let tokenURL = "\(realm)?service=\(service)&scope=repository:team/app:pull"
            let anonymous = try await TestHTTP.send("GET", tokenURL)
            #expect(anonymous.status == 401)
            let wrong = try await TestHTTP.send(
                "GET", tokenURL, headers: ["Authorization": TestHTTP.basic(user: "bot", password: "bad")])
            #expect(wrong.status == 401)

            let before = await registry.tokensIssued()
            let granted = try await TestHTTP.send(
                "GET", tokenURL, headers: ["Authorization": TestHTTP.basic(user: "bot", password: "pw")])
            #expect(granted.status == 200)
            #expect(await registry.tokensIssued() == before + 1)
            let object = try #require(try JSONSerialization.jsonObject(with: granted.body) as? [String: Any])
            let token = try #require(object["token"] as? String)
            #expect(object["access_token"] as? String == token)
            #expect(object["expires_in"] as? Int == 300)
            #expect(object["issued_at"] is String)

            let tags = try await TestHTTP.send(
                "GET", "\(registry.baseURL)/v2/team/app/tags/list", headers: ["Authorization": "Bearer \(token)"])
            #expect(tags.status == 200)
            #expect(tags.text.contains("\"v1\""))

            let otherRepository = try await TestHTTP.send(
                "GET", "\(registry.baseURL)/v2/other/tags/list", headers: ["Authorization": "Bearer \(token)"])
            #expect(otherRepository.status == 401)
        }
    }

    @Test("anonymousPull grants pull-only tokens without credentials")
    func anonymousPull() async throws {
        try await withRegistry(auth: .token(user: "bot", password: "pw"), anonymousPull: true) { registry in
            try await ImagePusher(registry: registry).push(TestImage(), repository: "open", tag: "v1")
            let realm = try #require(registry.tokenRealm)
            let service = try #require(registry.tokenService)
            let reply = try await TestHTTP.send("GET", "\(realm)?service=\(service)&scope=repository:open:pull,push")
            #expect(reply.status == 200)
            let object = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
            let token = try #require(object["token"] as? String)
            let tags = try await TestHTTP.send(
                "GET", "\(registry.baseURL)/v2/open/tags/list", headers: ["Authorization": "Bearer \(token)"])
            #expect(tags.status == 200)
            let upload = try await TestHTTP.send(
                "POST", "\(registry.baseURL)/v2/open/blobs/uploads/", headers: ["Authorization": "Bearer \(token)"])
            #expect(upload.status == 401)
        }
    }

    @Test(
        "scope grants",
        arguments: [
            ("repository:a/b:pull,push", true, ["pull", "push"]),
            ("repository:a/b:pull,push", false, ["pull"]),
            ("repository:host:5000/x:pull", true, ["pull"]),
        ])
    func grants(scope: String, authenticated: Bool, actions: [String]) {
        let access = TokenPolicy.grant(scope: scope, authenticated: authenticated)
        #expect(access?.actions == actions)
        #expect(access?.type == "repository")
    }
}
