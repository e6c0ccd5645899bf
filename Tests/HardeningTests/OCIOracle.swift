/// The OCI distribution grammar written as regular expressions, independently of the hand-written
/// scanners in `ImageRef`, so fuzz tests can check what the parser accepts against the spec's own text.
struct OCIOracle {
    private let tag = try! Regex(#"[A-Za-z0-9_][A-Za-z0-9._-]{0,127}"#)
    private let component = try! Regex(#"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*"#)
    private let digest = try! Regex(#"sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}"#)

    func isTag(_ text: String) -> Bool { (try? tag.wholeMatch(in: text)) != nil }

    func isRepository(_ text: String) -> Bool {
        text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            (try? component.wholeMatch(in: String($0))) != nil
        }
    }

    func isDigest(_ text: String) -> Bool { (try? digest.wholeMatch(in: text)) != nil }
}
