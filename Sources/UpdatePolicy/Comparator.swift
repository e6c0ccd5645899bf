/// One comparison of a constraint, e.g. `>= 1.2` or `~1.x`, with Masterminds/semver v3 semantics.
///
/// A wildcard or a missing segment makes the comparator "dirty": `1.x` and `1` both become
/// version `1.0.0` with the minor marked as free. Each operator then treats the free segments the
/// way Masterminds does, quirks included (`<= *` only admits `0.0.z`, `~0.0.0` admits everything).
struct Comparator: Sendable {
    enum Operation: Sendable {
        /// `=` or no operator: exact match, or a tilde range when a segment is free.
        case tildeOrEqual
        case notEqual
        case greater
        case less
        case greaterOrEqual
        case lessOrEqual
        /// `~` and `~>`.
        case tilde
        /// `^`.
        case caret
    }

    let operation: Operation
    let version: SemanticVersion
    /// Some segment (major, minor or patch) was a wildcard or missing.
    let dirty: Bool
    /// The minor (and so the patch) was a wildcard or missing.
    let minorDirty: Bool
    /// Only the patch was a wildcard or missing.
    let patchDirty: Bool

    func isSatisfied(by candidate: SemanticVersion, includePrerelease: Bool) -> Bool {
        if candidate.isPrerelease && !includePrerelease { return false }
        switch operation {
        case .tildeOrEqual: return dirty ? tildeMatches(candidate) : candidate == version
        case .notEqual: return notEqualMatches(candidate)
        case .greater: return greaterMatches(candidate)
        case .less: return candidate < version
        case .greaterOrEqual: return candidate >= version
        case .lessOrEqual: return lessOrEqualMatches(candidate)
        case .tilde: return tildeMatches(candidate)
        case .caret: return caretMatches(candidate)
        }
    }

    private func notEqualMatches(_ candidate: SemanticVersion) -> Bool {
        if dirty {
            if version.major != candidate.major { return true }
            if version.minor != candidate.minor && !minorDirty { return true }
            if minorDirty { return false }
            if version.patch != candidate.patch && !patchDirty { return true }
            if patchDirty {
                if candidate.isPrerelease || version.isPrerelease {
                    return PrereleaseOrder.compare(candidate.prerelease, version.prerelease) != 0
                }
                return false
            }
        }
        return candidate != version
    }

    private func greaterMatches(_ candidate: SemanticVersion) -> Bool {
        guard dirty else { return candidate > version }
        if candidate.major != version.major { return candidate.major > version.major }
        // `> 11` needs 12 or more; `> 11.1` needs 11.2 or more.
        if minorDirty { return false }
        if patchDirty { return candidate.minor > version.minor }
        return candidate > version
    }

    private func lessOrEqualMatches(_ candidate: SemanticVersion) -> Bool {
        guard dirty else { return candidate <= version }
        if candidate.major > version.major { return false }
        if candidate.major == version.major && candidate.minor > version.minor && !minorDirty { return false }
        return true
    }

    /// `~1.2.3` is `>=1.2.3 <1.3.0`; `~1` and `~1.x` are `>=1.0.0 <2.0.0`.
    private func tildeMatches(_ candidate: SemanticVersion) -> Bool {
        if candidate < version { return false }
        if version.major == 0 && version.minor == 0 && version.patch == 0 && !minorDirty && !patchDirty {
            return true
        }
        if candidate.major != version.major { return false }
        if candidate.minor != version.minor && !minorDirty { return false }
        return true
    }

    /// `^1.2.3` is `>=1.2.3 <2.0.0`; below 1.0.0 the first non-zero segment is held.
    private func caretMatches(_ candidate: SemanticVersion) -> Bool {
        if candidate < version { return false }
        if version.major > 0 || minorDirty { return candidate.major == version.major }
        if candidate.major > 0 { return false }
        if version.minor > 0 || patchDirty { return candidate.minor == version.minor }
        if candidate.minor > 0 { return false }
        return candidate.patch == version.patch
    }
}
