/// The version half of one comparator, e.g. `v1.2.x-rc.1`, split into its segments.
///
/// Segments are runs of `[0-9xX*|]` as in Masterminds' pattern; only a plain number or a single
/// `x`/`X`/`*` survives the conversion to a ``Comparator``.
struct VersionToken {
    let text: String
    let major: String
    let minor: String?
    let patch: String?
    /// Without the leading `-`; nil when absent.
    let prerelease: String?

    /// Matches the whole of `token`, or fails.
    init?(_ token: ArraySlice<UInt8>) {
        let bytes = Array(token)
        guard let scan = Self.scan(bytes, from: 0), scan.end == bytes.count else { return nil }
        func text(_ range: Range<Int>?) -> String? {
            range.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        self.text = String(decoding: bytes, as: UTF8.self)
        self.major = text(scan.major) ?? ""
        self.minor = text(scan.minor)
        self.patch = text(scan.patch)
        self.prerelease = text(scan.prerelease)
    }

    /// Where the longest version starting at `start` ends, or nil when none starts there.
    static func end(in bytes: [UInt8], from start: Int) -> Int? {
        scan(bytes, from: start)?.end
    }

    func comparator(_ operation: Comparator.Operation, constraint: String) throws(PolicyError) -> Comparator {
        let suffix = prerelease.map { "-\($0)" } ?? ""
        let versionText: String
        var minorDirty = false
        var patchDirty = false
        var dirty = true
        if Self.isWildcard(major) {
            versionText = "0.0.0" + suffix
        } else if minor.map(Self.isWildcard) ?? true {
            minorDirty = true
            versionText = "\(major).0.0" + suffix
        } else if patch.map(Self.isWildcard) ?? true {
            patchDirty = true
            versionText = "\(major).\(minor ?? "0").0" + suffix
        } else {
            dirty = false
            versionText = text
        }
        guard let version = SemanticVersion(versionText) else {
            throw .invalidConstraint(constraint, "\(PolicyError.quoted(text)) is not a version")
        }
        return Comparator(
            operation: operation, version: version, dirty: dirty, minorDirty: minorDirty, patchDirty: patchDirty
        )
    }

    private static func isWildcard(_ segment: String) -> Bool {
        segment == "x" || segment == "X" || segment == "*"
    }

    private struct Scan {
        var major: Range<Int>
        var minor: Range<Int>?
        var patch: Range<Int>?
        var prerelease: Range<Int>?
        var end: Int
    }

    /// Greedy `v?S(.S)?(.S)?(-IDS)?(+IDS)?`; each part starts with a distinct byte, so greedy is
    /// also the only way the pattern can match.
    private static func scan(_ bytes: [UInt8], from start: Int) -> Scan? {
        var index = start
        if index < bytes.count, bytes[index] == UInt8(ascii: "v") { index += 1 }
        let majorEnd = run(bytes, from: index, while: isSegmentByte)
        guard majorEnd > index else { return nil }
        var scan = Scan(major: index..<majorEnd, end: majorEnd)
        if let minor = dotted(bytes, at: scan.end) {
            scan.minor = minor
            scan.end = minor.upperBound
            if let patch = dotted(bytes, at: scan.end) {
                scan.patch = patch
                scan.end = patch.upperBound
            }
        }
        if let prerelease = identifiers(bytes, after: UInt8(ascii: "-"), at: scan.end) {
            scan.prerelease = prerelease
            scan.end = prerelease.upperBound
        }
        if let metadata = identifiers(bytes, after: UInt8(ascii: "+"), at: scan.end) {
            scan.end = metadata.upperBound
        }
        return scan
    }

    private static func dotted(_ bytes: [UInt8], at index: Int) -> Range<Int>? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
        let end = run(bytes, from: index + 1, while: isSegmentByte)
        return end > index + 1 ? (index + 1)..<end : nil
    }

    private static func identifiers(_ bytes: [UInt8], after marker: UInt8, at index: Int) -> Range<Int>? {
        guard index < bytes.count, bytes[index] == marker else { return nil }
        var end = run(bytes, from: index + 1, while: VersionScanner.isIdentifierByte)
        guard end > index + 1 else { return nil }
        while end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            let next = run(bytes, from: end + 1, while: VersionScanner.isIdentifierByte)
            guard next > end + 1 else { break }
            end = next
        }
        return (index + 1)..<end
    }

    private static func run(_ bytes: [UInt8], from start: Int, while accepts: (UInt8) -> Bool) -> Int {
        var index = start
        while index < bytes.count, accepts(bytes[index]) { index += 1 }
        return index
    }

    private static func isSegmentByte(_ byte: UInt8) -> Bool {
        VersionScanner.isDigit(byte) || byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X")
            || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "|")
    }
}
