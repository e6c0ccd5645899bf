/// A set of Unicode scalars: sorted code point ranges plus whole general categories (for `\p{..}`).
struct ScalarSet: Sendable {
    private(set) var ranges: [ClosedRange<UInt32>] = []
    private(set) var categories: Set<Unicode.GeneralCategory> = []

    static let maxScalar: UInt32 = 0x10_FFFF

    init() {}

    init(_ ranges: [ClosedRange<UInt32>]) {
        for range in ranges { insert(range) }
    }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
        normalize()
    }

    mutating func insert(category: Unicode.GeneralCategory) {
        categories.insert(category)
    }

    mutating func formUnion(_ other: ScalarSet) {
        ranges += other.ranges
        categories.formUnion(other.categories)
        normalize()
    }

    func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        if categories.isEmpty { return false }
        guard let scalar = Unicode.Scalar(value) else {
            return categories.contains(.surrogate)
        }
        return categories.contains(scalar.properties.generalCategory)
    }

    /// Keeps ranges sorted and merged so `contains` can binary-search.
    private mutating func normalize() {
        guard ranges.count > 1 else { return }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = [ranges[0]]
        for range in ranges.dropFirst() {
            let last = merged[merged.count - 1]
            if range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        ranges = merged
    }
}

extension ScalarSet {
    // Go's Perl and POSIX classes are ASCII-only, whatever the text.
    static let digit = ScalarSet([0x30...0x39])
    static let space = ScalarSet([0x09...0x0A, 0x0C...0x0D, 0x20...0x20])
    static let word = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let anyButNewline = ScalarSet([0...0x09, 0x0B...maxScalar])
    static let any = ScalarSet([0...maxScalar])

    static func perl(_ letter: Unicode.Scalar) -> (set: ScalarSet, negated: Bool)? {
        switch letter {
        case "d": (digit, false)
        case "D": (digit, true)
        case "s": (space, false)
        case "S": (space, true)
        case "w": (word, false)
        case "W": (word, true)
        default: nil
        }
    }

    static func posix(_ name: String) -> ScalarSet? {
        switch name {
        case "alnum": ScalarSet([0x30...0x39, 0x41...0x5A, 0x61...0x7A])
        case "alpha": ScalarSet([0x41...0x5A, 0x61...0x7A])
        case "ascii": ScalarSet([0...0x7F])
        case "blank": ScalarSet([0x09...0x09, 0x20...0x20])
        case "cntrl": ScalarSet([0...0x1F, 0x7F...0x7F])
        case "digit": digit
        case "graph": ScalarSet([0x21...0x7E])
        case "lower": ScalarSet([0x61...0x7A])
        case "print": ScalarSet([0x20...0x7E])
        case "punct": ScalarSet([0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E])
        case "space": ScalarSet([0x09...0x0D, 0x20...0x20])
        case "upper": ScalarSet([0x41...0x5A])
        case "word": word
        case "xdigit": ScalarSet([0x30...0x39, 0x41...0x46, 0x61...0x66])
        default: nil
        }
    }
}
