/// Unicode simple case-fold orbits (`k`, `K`, and the Kelvin sign `K` are one orbit), as Go's
/// `unicode.SimpleFold` walks them for `(?i)`.
///
/// Derived once from the standard library's scalar case mappings: two scalars are equivalent when
/// lower(upper(x)) agrees, keeping only single-scalar mappings. The Turkic dotless/dotted i are
/// excluded because simple case folding leaves them alone.
enum CaseFolding {
    /// Go's bounds for code points that take part in folding.
    private static let foldRange: ClosedRange<UInt32> = 0x41...0x1_E943

    private static let orbits: [UInt32: [UInt32]] = {
        var groups: [UInt32: [UInt32]] = [:]
        for value in foldRange {
            guard value != 0x130, value != 0x131, let scalar = Unicode.Scalar(value),
                scalar.properties.changesWhenCaseMapped
            else { continue }
            let canonical = canonicalForm(of: scalar)
            guard canonical != value else { continue }
            groups[canonical, default: [canonical]].append(value)
        }
        var result: [UInt32: [UInt32]] = [:]
        for group in groups.values {
            for member in group { result[member] = group }
        }
        return result
    }()

    /// Every scalar case-equivalent to `value`, including itself.
    static func orbit(of value: UInt32) -> [UInt32] {
        orbits[value] ?? [value]
    }

    private static func canonicalForm(of scalar: Unicode.Scalar) -> UInt32 {
        let upper = single(scalar.properties.uppercaseMapping) ?? scalar
        return (single(upper.properties.lowercaseMapping) ?? upper).value
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        let scalars = mapping.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }
}
