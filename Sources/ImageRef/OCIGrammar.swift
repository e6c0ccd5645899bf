/// Checks for the pieces of the OCI distribution grammar (and Docker's reference grammar).
///
/// Hand-written scanners rather than regular expressions: they run in linear time on hostile input
/// and keep this module free of dependencies.
public enum OCIGrammar {
    /// Longest accepted `registry/repository` name, as in Docker's reference package.
    public static let maximumNameLength = 255

    /// `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`.
    public static func isValidTag(_ tag: some StringProtocol) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128, isWordByte(first) else { return false }
        return bytes.dropFirst().allSatisfy { isWordByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// A repository path: components `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*` joined by `/`.
    public static func isValidRepository(_ name: some StringProtocol) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maximumNameLength else { return false }
        return Substring(name).split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            isValidPathComponent($0)
        }
    }

    /// A digest with a supported algorithm: `sha256:<64 lowercase hex>` or `sha512:<128 lowercase hex>`.
    public static func isValidDigest(_ digest: some StringProtocol) -> Bool {
        digestProblem(String(digest)) == nil
    }

    enum DigestProblem: Equatable {
        case malformed
        case unsupportedAlgorithm(String)
    }

    static func digestProblem(_ digest: String) -> DigestProblem? {
        guard let colon = digest.firstIndex(of: ":") else { return .malformed }
        let algorithm = digest[..<colon]
        let encoded = digest[digest.index(after: colon)...]
        guard isValidAlgorithm(algorithm) else { return .malformed }
        let expectedLength: Int
        switch algorithm {
        case "sha256": expectedLength = 64
        case "sha512": expectedLength = 128
        default: return .unsupportedAlgorithm(String(algorithm))
        }
        guard encoded.utf8.count == expectedLength, encoded.utf8.allSatisfy(isLowerHex) else { return .malformed }
        return nil
    }

    /// `host[:port]` where host is dot-separated labels or a bracketed IPv6 address.
    static func isValidRegistry(_ registry: some StringProtocol) -> Bool {
        let text = Substring(registry)
        guard !text.isEmpty, text.utf8.count <= maximumNameLength else { return false }
        var host = text
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return false }
            let address = text[text.index(after: text.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return false
            }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return true }
            guard rest.first == ":" else { return false }
            return isValidPort(rest.dropFirst())
        }
        if let colon = text.lastIndex(of: ":") {
            guard isValidPort(text[text.index(after: colon)...]) else { return false }
            host = text[..<colon]
        }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isValidHostLabel($0) }
    }

    private static func isValidPort(_ port: Substring) -> Bool {
        !port.isEmpty && port.utf8.count <= 5 && port.utf8.allSatisfy(isDigit)
    }

    private static func isValidHostLabel(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return false
        }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isValidPathComponent(_ component: Substring) -> Bool {
        let bytes = Array(component.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        var index = 0
        while index < bytes.count {
            if isLowerAlphanumeric(bytes[index]) {
                index += 1
                continue
            }
            // A separator run: ".", "_", "__" or one or more "-".
            let start = index
            let separator = bytes[index]
            while index < bytes.count, bytes[index] == separator { index += 1 }
            let runLength = index - start
            switch separator {
            case UInt8(ascii: "."): if runLength != 1 { return false }
            case UInt8(ascii: "_"): if runLength > 2 { return false }
            case UInt8(ascii: "-"): break
            default: return false
            }
        }
        return true
    }

    private static func isValidAlgorithm(_ algorithm: Substring) -> Bool {
        // [a-z0-9]+([+._-][a-z0-9]+)*
        let bytes = Array(algorithm.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        var previousWasSeparator = false
        for byte in bytes {
            if isLowerAlphanumeric(byte) {
                previousWasSeparator = false
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
            {
                if previousWasSeparator { return false }
                previousWasSeparator = true
            } else {
                return false
            }
        }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLowerHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x61 && byte <= 0x66) }
    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x61 && byte <= 0x7A) }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (byte >= 0x41 && byte <= 0x5A)
    }
    private static func isWordByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
}
