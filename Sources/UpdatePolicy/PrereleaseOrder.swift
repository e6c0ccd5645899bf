/// Prerelease precedence as Masterminds/semver v3 computes it.
///
/// Identifiers are compared left to right; a numeric identifier (one that fits in `UInt64`) sorts
/// below an alphanumeric one, numbers compare by value, other identifiers by ASCII byte order,
/// and when one list is a prefix of the other the shorter sorts first.
enum PrereleaseOrder {
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let right = Array(rhs.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let lhsPart = index < left.count ? left[index] : []
            let rhsPart = index < right.count ? right[index] : []
            let order = compareIdentifier(lhsPart, rhsPart)
            if order != 0 { return order }
        }
        return 0
    }

    private static func compareIdentifier(_ lhs: ArraySlice<UInt8>, _ rhs: ArraySlice<UInt8>) -> Int {
        if lhs.elementsEqual(rhs) { return 0 }
        if lhs.isEmpty { return -1 }
        if rhs.isEmpty { return 1 }
        switch (number(lhs), number(rhs)) {
        case (let left?, let right?):
            return left > right ? 1 : -1
        case (.some, .none):
            return -1
        case (.none, .some):
            return 1
        case (.none, .none):
            return lhs.lexicographicallyPrecedes(rhs) ? -1 : 1
        }
    }

    /// The value of an all-digit identifier, or nil when it is not one or overflows (Masterminds
    /// then treats it as alphanumeric).
    static func number<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}
