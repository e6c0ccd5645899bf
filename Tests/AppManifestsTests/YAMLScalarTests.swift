import Testing
import Yams

@testable import AppManifests

@Suite struct YAMLScalarTests {
    @Test(arguments: [
        ("1.10", "\"1.10\""), ("true", "\"true\""), ("null", "\"null\""), ("0x1F", "\"0x1F\""), ("~", "\"~\""),
        ("1e3", "\"1e3\""), ("yes", "\"yes\""), ("no", "\"no\""), ("on", "\"on\""), ("off", "\"off\""),
        ("", "\"\""), ("123", "\"123\""), ("0755", "\"0755\""), ("1_000", "\"1_000\""), ("12:30", "\"12:30\""),
        ("2024-01-02", "\"2024-01-02\""), (".5", "\".5\""), ("-1", "\"-1\""), (".inf", "\".inf\""),
        ("a: b", "\"a: b\""), ("#x", "\"#x\""), ("*x", "\"*x\""), ("say \"hi\"", "say \"hi\""),
        ("main-b99bc73", "main-b99bc73"), ("1.2.3", "1.2.3"), ("v1.10", "v1.10"), ("latest", "latest"),
        ("lyzhang1999/frontend", "lyzhang1999/frontend"), ("nginx:1.25@sha256:ab", "nginx:1.25@sha256:ab"),
        ("123abc", "123abc"), ("line\nbreak", "\"line\\nbreak\""),
    ])
    func quotingTable(value: String, rendered: String) throws {
        #expect(YAMLScalar.render(value) == rendered)
        let parsed = try #require(try Yams.compose(yaml: "k: \(rendered)\n"))
        #expect(parsed["k"]?.string == value)
        #expect(parsed["k"]?.tag.rawValue == Tag.Name.str.rawValue)
    }
}
