import Foundation
import Testing

@testable import OCIRegistry

@Suite("protocol details: challenges, links, Retry-After, platforms, URLs")
struct ProtocolParsingTests {
    @Test("WWW-Authenticate challenges")
    func challenges() throws {
        let bearer = try #require(
            AuthChallenge.parse([
                #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull""#
            ])
        )
        #expect(bearer.scheme == .bearer)
        #expect(bearer.realm == "https://auth.docker.io/token")
        #expect(bearer.service == "registry.docker.io")
        #expect(bearer.parameters["scope"] == "repository:library/nginx:pull")
        let basic = try #require(AuthChallenge.parse([#"Basic realm="Registry Realm""#]))
        #expect(basic.scheme == .basic)
        let both = try #require(AuthChallenge.parse([#"Basic realm="x", Bearer realm="https://t/token",service=s"#]))
        #expect(both.scheme == .bearer)
        #expect(both.service == "s")
        #expect(AuthChallenge.parse(["Negotiate"]) == nil)
        #expect(AuthChallenge.parse([]) == nil)
    }

    @Test("Link rel=next")
    func links() {
        #expect(LinkHeader.next(in: [#"</v2/a/tags/list?last=b&n=2>; rel="next""#]) == "/v2/a/tags/list?last=b&n=2")
        #expect(LinkHeader.next(in: [#"<https://x/p1>; rel="prev", <https://x/p3>; rel="next""#]) == "https://x/p3")
        #expect(LinkHeader.next(in: [#"<https://x/p1>; rel="prev""#]) == nil)
        #expect(LinkHeader.next(in: ["garbage"]) == nil)
    }

    @Test("Retry-After as seconds or HTTP date")
    func retryAfter() {
        #expect(RetryAfter.seconds(from: "3") == 3)
        #expect(RetryAfter.seconds(from: nil) == nil)
        #expect(RetryAfter.seconds(from: "soon") == nil)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.seconds(from: "Tue, 14 Nov 2023 22:13:20 GMT", now: now) == 0)
        #expect(RetryAfter.seconds(from: "Tue, 14 Nov 2023 22:14:20 GMT", now: now) == 60)
    }

    @Test("platforms parse and match as Image Updater does")
    func platforms() throws {
        let arm = try Platform(parsing: "linux/arm64")
        #expect(arm.accepts(Platform(os: "linux", architecture: "arm64", variant: "v8")))
        #expect(
            !(try Platform(parsing: "linux/arm/v7")).accepts(Platform(os: "linux", architecture: "arm", variant: "v6")))
        #expect(try Platform(parsing: "linux/arm/v7").description == "linux/arm/v7")
        for bad in ["linux", "linux/", "a/b/c/d", "linux/amd 64"] {
            #expect(throws: RegistryError.self) { try Platform(parsing: bad) }
        }
    }

    @Test("URL resolution for Link and Location")
    func urls() throws {
        let base = try #require(RegistryURL("https://reg.io:5000/v2/a/tags/list?n=2"))
        #expect(base.resolving("/v2/a/tags/list?last=x")?.description == "https://reg.io:5000/v2/a/tags/list?last=x")
        #expect(base.resolving("https://cdn.io/blob")?.authority == "cdn.io")
        #expect(base.resolving("//cdn.io/x")?.description == "https://cdn.io/x")
        #expect(base.resolving("list2")?.description == "https://reg.io:5000/v2/a/tags/list2")
        #expect(base.resolving("ftp://x/y") == nil)
        #expect(RegistryURL("https://user:pw@x") == nil)
        #expect(RegistryURL("https://[::1]:5000")?.host == "::1")
        #expect(RegistryAuthenticator.percentEncoded("repository:a/b:pull") == "repository%3Aa%2Fb%3Apull")
    }

    @Test("Go durations for credsexpire")
    func durations() {
        #expect(GoDuration.parse("5h") == .seconds(18_000))
        #expect(GoDuration.parse("1h30m") == .seconds(5_400))
        #expect(GoDuration.parse("250ms") == .milliseconds(250))
        #expect(GoDuration.parse("5") == nil)
        #expect(GoDuration.parse("") == nil)
    }

    @Test("base64 round trip")
    func base64() {
        for text in ["", "a", "ab", "abc", "user:pässword"] {
            #expect(Base64.decode(Base64.encode(Array(text.utf8))) == Array(text.utf8))
        }
        #expect(Base64.decode("a") == nil)
    }

    @Test("config created dates with and without fractions")
    func dates() {
        #expect(ImageConfig.parseDate("2024-05-01T10:00:00Z") == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(ImageConfig.parseDate("2024-05-01T10:00:00.123456789Z") != nil)
        #expect(ImageConfig.parseDate("2024-05-01T12:00:00+02:00") == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(ImageConfig.parseDate("yesterday") == nil)
    }

    @Test("errors are one line and keep server text on one line")
    func errorText() {
        let error = RegistryError(
            .httpStatus(401, reason: "Unauthorized"),
            registry: "127.0.0.1:5000",
            repository: "library/nginx",
            operation: "GET tags/list"
        )
        #expect(
            error.description == "registry 127.0.0.1:5000: repository library/nginx: GET tags/list: 401 Unauthorized")
        let weird = RegistryError(.malformedResponse(detail: "a\nb"), registry: "r")
        #expect(!weird.description.contains("\n"))
    }
}
