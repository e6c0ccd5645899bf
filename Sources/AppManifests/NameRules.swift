/// Kubernetes and git name rules, checked before a name is used in a path or a branch.
enum NameRules {
    /// RFC 1123 subdomain (Application names): at most 253 characters, dot-separated labels.
    static func isSubdomain(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabelBody(Substring($0)) }
    }

    /// RFC 1123 label (namespaces): at most 63 characters of `[a-z0-9-]`, alphanumeric at both ends.
    static func isLabel(_ name: String) -> Bool {
        isLabelBody(Substring(name))
    }

    private static func isLabelBody(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        guard !bytes.isEmpty, bytes.count <= 63 else { return false }
        func alnum(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard alnum(bytes.first!), alnum(bytes.last!) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// A branch name git accepts (`git check-ref-format --branch`), without `refs/` and not starting with `-`.
    /// Returns the reason it is refused, or nil when it is fine.
    static func branchProblem(_ branch: String) -> String? {
        if branch.isEmpty { return "branch name is empty" }
        if branch.utf8.count > 255 { return "branch name is too long" }
        if branch.hasPrefix("-") { return "branch name must not start with '-'" }
        if branch.hasPrefix("refs/") { return "branch name must not start with 'refs/'" }
        if branch == "@" { return "branch name must not be '@'" }
        if branch.contains("..") { return "branch name must not contain '..'" }
        if branch.contains("@{") { return "branch name must not contain '@{'" }
        if branch.contains("//") || branch.hasPrefix("/") || branch.hasSuffix("/") {
            return "branch name has an empty path component"
        }
        if branch.hasSuffix(".") || branch.hasSuffix(".lock") { return "branch name must not end with '.' or '.lock'" }
        for scalar in branch.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || " ~^:?*[\\".unicodeScalars.contains(scalar) {
                return "branch name contains a character git refuses"
            }
        }
        for component in branch.split(separator: "/") where component.hasPrefix(".") || component.hasSuffix(".lock") {
            return "branch name component '\(component)' is not allowed"
        }
        return nil
    }
}
