/// A single left-to-right pass equivalent to Masterminds/semver v3's lenient version pattern
/// `v?N(.N)?(.N)?(-PRE)?(+META)?` plus its prerelease checks; no regular expression, so the cost
/// is linear in the tag length.
struct VersionScanner {
    private let text: String
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func scan() -> SemanticVersion? {
        if peek == UInt8(ascii: "v") { index += 1 }
        guard let major = number() else { return nil }
        var minor: UInt64 = 0
        var patch: UInt64 = 0
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let value = number() else { return nil }
            minor = value
            if peek == UInt8(ascii: ".") {
                index += 1
                guard let value = number() else { return nil }
                patch = value
            }
        }
        var prerelease = ""
        if peek == UInt8(ascii: "-") {
            index += 1
            guard let identifiers = identifiers(), Self.isValidPrerelease(identifiers) else { return nil }
            prerelease = identifiers
        }
        var metadata = ""
        if peek == UInt8(ascii: "+") {
            index += 1
            guard let identifiers = identifiers() else { return nil }
            metadata = identifiers
        }
        guard index == bytes.count else { return nil }
        return SemanticVersion(
            major: major, minor: minor, patch: patch, prerelease: prerelease, buildMetadata: metadata,
            original: text
        )
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// A run of ASCII digits (leading zeros allowed, as Masterminds coerces them) that fits `UInt64`.
    private mutating func number() -> UInt64? {
        let start = index
        while let byte = peek, Self.isDigit(byte) { index += 1 }
        return PrereleaseOrder.number(bytes[start..<index])
    }

    /// Dot-separated, non-empty identifiers of `[0-9A-Za-z-]`.
    private mutating func identifiers() -> String? {
        let start = index
        while let byte = peek, Self.isIdentifierByte(byte) || byte == UInt8(ascii: ".") { index += 1 }
        let run = bytes[start..<index]
        let parts = run.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return String(decoding: run, as: UTF8.self)
    }

    /// Numeric prerelease identifiers must not have leading zeros (`1.0.0-01` is rejected).
    static func isValidPrerelease(_ prerelease: String) -> Bool {
        for part in prerelease.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            if part.isEmpty { return false }
            if part.allSatisfy(isDigit), part.count > 1, part.first == UInt8(ascii: "0") { return false }
        }
        return true
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "-")
    }
}
