/// The value of an `allow-tags` annotation: which tags may be considered at all.
public enum AllowTags: Sendable {
    /// Every tag is allowed (`any`, or no annotation).
    case any
    /// Only tags the expression matches are allowed (`regexp:<re>`).
    case regexp(SafeRegex)

    /// Parses an annotation value such as `regexp:^main` or `any`.
    public init(parsing value: String) throws(TagMatchingError) {
        if value == "any" {
            self = .any
        } else if value.hasPrefix("regexp:") {
            self = .regexp(try SafeRegex(String(value.dropFirst("regexp:".count))))
        } else {
            throw .invalidAllowTags(value, "expected \"regexp:<expression>\" or \"any\"")
        }
    }

    /// Whether `tag` passes this filter.
    public func allows(_ tag: String) -> Bool {
        switch self {
        case .any: true
        case .regexp(let regex): regex.matches(tag)
        }
    }
}
