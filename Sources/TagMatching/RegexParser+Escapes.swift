extension RegexParser {
    /// Parses an escape outside a class: assertions, `\Q...\E`, Perl and Unicode classes, or one
    /// escaped scalar. `\C` (any byte) and backreferences are refused, as in RE2.
    mutating func parseEscapeAtom(into items: inout [RegexNode]) throws(TagMatchingError) {
        guard let letter = scalar(at: 1) else {
            throw failure("trailing backslash at end of expression", "")
        }
        let assertions: [Unicode.Scalar: RegexAssertion] = [
            "A": .beginText, "z": .endText, "b": .wordBoundary, "B": .notWordBoundary,
        ]
        if let assertion = assertions[letter] {
            items.append(.assertion(assertion))
            index += 2
            return
        }
        switch letter {
        case "C":
            throw failure("invalid escape sequence", "\\C")
        case "Q":
            index += 2
            while let scalar = current {
                if scalar == "\\" && self.scalar(at: 1) == "E" {
                    index += 2
                    return
                }
                items.append(literal(scalar.value))
                index += 1
            }
            return
        case "p", "P":
            let (set, negated) = try parseUnicodeClass()
            items.append(.set(ScalarClass(set, negated: negated, foldsCase: flags.foldsCase)))
            return
        default:
            if let (set, negated) = ScalarSet.perl(letter) {
                items.append(.set(ScalarClass(set, negated: negated, foldsCase: flags.foldsCase)))
                index += 2
                return
            }
        }
        items.append(literal(try parseEscapedScalar()))
    }

    /// Parses `\x41`, `\x{10FFFF}`, octal `\101`, C escapes, or an escaped ASCII punctuation mark.
    /// Returns a code point (possibly a surrogate, which then simply never matches).
    mutating func parseEscapedScalar() throws(TagMatchingError) -> UInt32 {
        let start = index
        index += 1
        guard let letter = current else {
            throw failure("trailing backslash at end of expression", "")
        }
        index += 1
        switch letter {
        case "1"..."7" where !(current.map { ("0"..."7").contains($0) } ?? false):
            throw failure("invalid escape sequence", text(from: start), hint: "backreferences are not supported")
        case "0"..."7":
            var value = letter.value - 0x30
            for _ in 0..<2 {
                guard let digit = current, ("0"..."7").contains(digit) else { break }
                value = value * 8 + digit.value - 0x30
                index += 1
            }
            return value
        case "x":
            if let value = parseHex() { return value }
        case "a": return 0x07
        case "f": return 0x0C
        case "n": return 0x0A
        case "r": return 0x0D
        case "t": return 0x09
        case "v": return 0x0B
        default:
            if letter.isASCII && !letter.isASCIIAlphanumeric { return letter.value }
        }
        throw failure("invalid escape sequence", text(from: start))
    }

    /// After `\x`: two hex digits, or one or more in braces up to U+10FFFF.
    private mutating func parseHex() -> UInt32? {
        guard let first = current else { return nil }
        index += 1
        if first != "{" {
            guard let high = first.hexValue, let second = current, let low = second.hexValue else { return nil }
            index += 1
            return high * 16 + low
        }
        var value: UInt32 = 0
        var digits = 0
        while let scalar = current {
            index += 1
            if scalar == "}" { return digits > 0 ? value : nil }
            guard let digit = scalar.hexValue else { return nil }
            value = value * 16 + digit
            digits += 1
            if value > ScalarSet.maxScalar { return nil }
        }
        return nil
    }

    /// Parses `\pL`, `\p{Lu}`, `\P{L}`, `\p{^L}`. Only general categories and `Any`, `Assigned`,
    /// `ASCII` are known: Swift exposes no script property, so `\p{Greek}` is refused with an error
    /// rather than silently matching something else.
    mutating func parseUnicodeClass() throws(TagMatchingError) -> (ScalarSet, negated: Bool) {
        let start = index
        var negated = scalar(at: 1) == "P"
        index += 2
        var name = ""
        if current == "{" {
            guard let close = scalars[index...].firstIndex(of: "}") else {
                throw failure("invalid character class range", text(from: start, to: scalars.count))
            }
            name = text(from: index + 1, to: close)
            index = close + 1
        } else if let letter = current {
            name = String(Character(letter))
            index += 1
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard let set = UnicodeCategories.set(named: name) else {
            throw failure(
                "invalid character class range", text(from: start),
                hint: "only general categories, Any, Assigned and ASCII are supported")
        }
        return (set, negated)
    }
}

extension Unicode.Scalar {
    var hexValue: UInt32? {
        switch self {
        case "0"..."9": value - 0x30
        case "a"..."f": value - 0x61 + 10
        case "A"..."F": value - 0x41 + 10
        default: nil
        }
    }
}
