import ImageRef
import Testing

private let sha = "sha256:" + String(repeating: "a", count: 64)

@Suite("ImageReference parsing")
struct ImageReferenceTests {
    @Test(
        "valid references normalise like Docker",
        arguments: [
            ("nginx", "docker.io", "library/nginx", nil, nil),
            ("nginx:1.25", "docker.io", "library/nginx", "1.25", nil),
            ("lyzhang1999/frontend", "docker.io", "lyzhang1999/frontend", nil, nil),
            ("docker.io/nginx", "docker.io", "library/nginx", nil, nil),
            ("index.docker.io/library/nginx:latest", "docker.io", "library/nginx", "latest", nil),
            ("ghcr.io/org/team/app:v1.2.3", "ghcr.io", "org/team/app", "v1.2.3", nil),
            ("localhost/app", "localhost", "app", nil, nil),
            ("localhost:5000/app:main-b99bc73", "localhost:5000", "app", "main-b99bc73", nil),
            ("127.0.0.1:5000/library/nginx", "127.0.0.1:5000", "library/nginx", nil, nil),
            ("[::1]:5000/app:1", "[::1]:5000", "app", "1", nil),
            ("Registry/app", "Registry", "app", nil, nil),
            ("app@" + sha, "docker.io", "library/app", nil, sha),
            ("quay.io/a/b:tag@" + sha, "quay.io", "a/b", "tag", sha),
            ("my-reg.example.com/a__b/c-d/e.f_g---h:_tag", "my-reg.example.com", "a__b/c-d/e.f_g---h", "_tag", nil),
        ] as [(String, String, String, String?, String?)]
    )
    func valid(input: String, registry: String, repository: String, tag: String?, digest: String?) throws {
        let reference = try ImageReference(parsing: input)
        #expect(reference.registry == registry)
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
        // The canonical form parses back to the same reference.
        #expect(try ImageReference(parsing: reference.description) == reference)
    }

    @Test(
        "invalid references are rejected with a message naming the input and the problem",
        arguments: [
            ("", "empty"),
            ("Nginx", "lowercase"),
            ("library/Nginx", "lowercase"),
            ("nginx:", "tag after ':' is empty"),
            ("nginx:-bad", "not a valid tag"),
            ("nginx:" + String(repeating: "a", count: 129), "not a valid tag"),
            ("nginx:a/b", "registry host"),
            ("nginx@sha256:abc", "not a valid digest"),
            ("nginx@sha256:" + String(repeating: "A", count: 64), "not a valid digest"),
            ("nginx@md5:" + String(repeating: "a", count: 32), "not supported"),
            ("nginx@", "not a valid digest"),
            ("a..b/c", "registry host"),
            ("-host.io/app", "registry host"),
            ("host.io:port/app", "registry host"),
            ("host.io/app//x", "not a valid repository"),
            ("host.io/", "not a valid repository"),
            ("app_/x", "not a valid repository"),
            ("a___b", "not a valid repository"),
            ("a..b", "not a valid repository"),
            ("nginx latest", "whitespace"),
            ("nginx\n", "whitespace"),
            (String(repeating: "a", count: 2000), "longer than"),
            ("docker.io/" + String(repeating: "a", count: 250), "longer than"),
        ]
    )
    func invalid(input: String, fragment: String) {
        #expect {
            _ = try ImageReference(parsing: input)
        } throws: { error in
            let text = String(describing: error)
            return text.contains(fragment) && text.hasPrefix("invalid image reference \"")
                && !text.contains("\n")
        }
    }

    @Test("the docker.io API host is registry-1.docker.io; others are themselves")
    func apiHost() throws {
        #expect(try ImageReference(parsing: "nginx").apiHost == "registry-1.docker.io")
        #expect(try ImageReference(parsing: "ghcr.io/a/b").apiHost == "ghcr.io")
        #expect(try ImageReference(parsing: "127.0.0.1:5000/a").apiHost == "127.0.0.1:5000")
    }

    @Test("canonical description and component construction")
    func description() throws {
        #expect(try ImageReference(parsing: "nginx:1").description == "docker.io/library/nginx:1")
        let built = try ImageReference(registry: "index.docker.io", repository: "nginx", tag: "1")
        #expect(built.description == "docker.io/library/nginx:1")
        let local = try ImageReference(registry: "registry", repository: "app")
        #expect(local.description == "registry/app")
        #expect(try built.withDigest(sha).description == "docker.io/library/nginx:1@" + sha)
        #expect(try built.withDigest(sha).withTag("2").digest == nil)
        #expect(throws: ImageReferenceError.self) { try built.withTag("bad tag") }
        #expect(throws: ImageReferenceError.self) { try ImageReference(registry: "a b", repository: "x") }
    }

    @Test("control characters are escaped in messages")
    func escaped() {
        #expect {
            _ = try ImageReference(parsing: "ng\u{1B}[31minx")
        } throws: { error in
            !String(describing: error).contains("\u{1B}")
        }
    }

    @Test("tag and digest grammar helpers", arguments: ["latest", "1.2.3", "_x", "A-b.c_D"])
    func validTags(tag: String) {
        #expect(OCIGrammar.isValidTag(tag))
    }

    @Test("invalid tags", arguments: ["", ".x", "-x", "a b", "a:b", "a/b", "ü", String(repeating: "a", count: 129)])
    func invalidTags(tag: String) {
        #expect(!OCIGrammar.isValidTag(tag))
    }

    @Test("digests")
    func digests() {
        #expect(OCIGrammar.isValidDigest(sha))
        #expect(OCIGrammar.isValidDigest("sha512:" + String(repeating: "0", count: 128)))
        #expect(!OCIGrammar.isValidDigest("sha256:" + String(repeating: "0", count: 63)))
        #expect(!OCIGrammar.isValidDigest("sha256" + String(repeating: "0", count: 64)))
        #expect(!OCIGrammar.isValidDigest(":" + String(repeating: "0", count: 64)))
    }
}
