/// A character class as RE2 builds it: a union of positive and negated members, optionally negated
/// as a whole, optionally case-insensitive.
///
/// Case folding is applied when matching (a scalar matches if any member of its case-fold orbit
/// does) instead of expanding ranges at compile time, so `(?i)[^a]` costs no more than `[^a]`.
/// Per member, that is exactly RE2's "fold each member, then negate" order.
struct ScalarClass: Sendable {
    var positive = ScalarSet()
    var negatedMembers: [ScalarSet] = []
    var isNegated = false
    var foldsCase = false

    init() {}

    init(_ set: ScalarSet, negated: Bool = false, foldsCase: Bool = false) {
        if negated { negatedMembers = [set] } else { positive = set }
        self.foldsCase = foldsCase
    }

    mutating func add(_ set: ScalarSet, negated: Bool) {
        if negated { negatedMembers.append(set) } else { positive.formUnion(set) }
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let orbit = foldsCase ? CaseFolding.orbit(of: scalar.value) : nil
        var hit = Self.matches(positive, scalar.value, orbit)
        if !hit {
            hit = negatedMembers.contains { !Self.matches($0, scalar.value, orbit) }
        }
        return hit != isNegated
    }

    private static func matches(_ set: ScalarSet, _ value: UInt32, _ orbit: [UInt32]?) -> Bool {
        if let orbit { return orbit.contains { set.contains($0) } }
        return set.contains(value)
    }
}
