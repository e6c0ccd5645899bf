/// The value of an `allow-tags` annotation: which tags may be considered at all.
///
/// Mirrors Argo CD Image Updater's `ParseMatch`: the value is trimmed; empty or `any` (any letter
/// case) allows every tag; `regexp:<re>` (prefix in any letter case, the expression kept verbatim)
/// allows the tags the expression matches anywhere, as Go's `Regexp.Match` does. Image Updater turns
/// an unknown prefix, a value without `:` and an invalid expression into "match no tag" with a
/// log warning; we throw instead, so the user sees why no tag is ever allowed.
public enum AllowTags: Sendable {
    /// Every tag is allowed (`any`, or no annotation).
    case any
    /// Only tags the expression matches are allowed (`regexp:<re>`).
    case regexp(SafeRegex)

    /// Parses an annotation value such as `regexp:^main` or `any`.
    ///
    /// - Throws: `TagMatchingError` for an unknown match function or an invalid expression.
    public init(parsing value: String) throws(TagMatchingError) {
        let trimmed = value.trimmingGoSpace()
        if trimmed.isEmpty || trimmed.lowercased() == "any" {
            self = .any
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else {
            throw .invalidAllowTags(value, "expected \"regexp:<expression>\" or \"any\"")
        }
        let function = trimmed[..<colon]
        guard function.lowercased() == "regexp" else {
            throw .invalidAllowTags(
                value, "unknown match function \"\(function)\" (expected \"regexp:<expression>\" or \"any\")")
        }
        self = .regexp(try SafeRegex(String(trimmed[trimmed.index(after: colon)...])))
    }

    /// Whether `tag` passes this filter.
    public func allows(_ tag: String) -> Bool {
        switch self {
        case .any: true
        case .regexp(let regex): regex.matches(tag)
        }
    }
}

extension String {
    /// Trims leading and trailing white space like Go's `strings.TrimSpace`.
    func trimmingGoSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
