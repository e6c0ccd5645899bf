import ImageRef
import Testing

private let sha = "sha256:" + String(repeating: "b", count: 64)

@Suite("ImageSpec (image-list entries without alias)")
struct ImageSpecTests {
    @Test(
        "the tag part may be a constraint and is split after the last '/'",
        arguments: [
            ("nginx", "docker.io/library/nginx", nil, nil),
            ("nginx:~1.20", "docker.io/library/nginx", "~1.20", nil),
            ("app:>=1.2 <2", "docker.io/library/app", ">=1.2 <2", nil),
            ("app:1.x || 2.x", "docker.io/library/app", "1.x || 2.x", nil),
            ("localhost:5000/app:^1.2", "localhost:5000/app", "^1.2", nil),
            ("127.0.0.1:5000/team/app", "127.0.0.1:5000/team/app", nil, nil),
            ("ghcr.io/o/app:latest@" + sha, "ghcr.io/o/app", "latest", sha),
            ("ghcr.io/o/app@" + sha, "ghcr.io/o/app", nil, sha),
            ("lyzhang1999/frontend:main", "docker.io/lyzhang1999/frontend", "main", nil),
        ] as [(String, String, String?, String?)]
    )
    func valid(input: String, name: String, constraint: String?, digest: String?) throws {
        let spec = try ImageSpec(parsing: input)
        #expect(spec.reference.name == name)
        #expect(spec.tagOrConstraint == constraint)
        #expect(spec.digest == digest)
        #expect(spec.reference.tag == nil)
        #expect(try ImageSpec(parsing: spec.description) == spec)
    }

    @Test("tag is only set for a valid OCI tag")
    func tag() throws {
        #expect(try ImageSpec(parsing: "nginx:1.25").tag == "1.25")
        #expect(try ImageSpec(parsing: "nginx:~1.25").tag == nil)
        #expect(try ImageSpec(parsing: "nginx").tag == nil)
    }

    @Test(
        "invalid entries",
        arguments: [
            ("", "empty"), ("nginx:", "empty"), ("nginx:  ", "empty"), ("Nginx:1", "lowercase"),
            ("my app:1", "whitespace"), ("nginx:1@sha256:zz", "not a valid digest"),
            ("nginx:1\t2", "whitespace"), ("nginx:" + String(repeating: "1", count: 600), "longer than"),
        ]
    )
    func invalid(input: String, fragment: String) {
        #expect {
            _ = try ImageSpec(parsing: input)
        } throws: { error in
            String(describing: error).contains(fragment)
        }
    }
}
