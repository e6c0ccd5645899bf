/// Names accepted in `\p{...}`: Unicode general categories as Go spells them, compared the way Go
/// does (case-insensitively after the first letter, ignoring `_`, `-` and spaces).
enum UnicodeCategories {
    private typealias Category = Unicode.GeneralCategory

    private static let groups: [String: [Category]] = [
        "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter],
        "Lm": [.modifierLetter], "Lo": [.otherLetter],
        "Lc": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter],
        "L": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter],
        "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
        "M": [.nonspacingMark, .spacingMark, .enclosingMark],
        "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber],
        "N": [.decimalNumber, .letterNumber, .otherNumber],
        "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Ps": [.openPunctuation],
        "Pe": [.closePunctuation], "Pi": [.initialPunctuation], "Pf": [.finalPunctuation],
        "Po": [.otherPunctuation],
        "P": [
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
        ],
        "Sm": [.mathSymbol], "Sc": [.currencySymbol], "Sk": [.modifierSymbol], "So": [.otherSymbol],
        "S": [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol],
        "Zs": [.spaceSeparator], "Zl": [.lineSeparator], "Zp": [.paragraphSeparator],
        "Z": [.spaceSeparator, .lineSeparator, .paragraphSeparator],
        "Cc": [.control], "Cf": [.format], "Co": [.privateUse], "Cs": [.surrogate],
        // Go's "C" leaves out unassigned code points (there is no Cn table).
        "C": [.control, .format, .privateUse, .surrogate],
    ]

    static func set(named name: String) -> ScalarSet? {
        switch canonical(name) {
        case "Any":
            return .any
        case "Ascii":
            return ScalarSet([0...0x7F])
        case "Assigned":
            var set = ScalarSet()
            for category in allAssigned { set.insert(category: category) }
            return set
        case let key:
            guard let categories = groups[key] else { return nil }
            var set = ScalarSet()
            for category in categories { set.insert(category: category) }
            return set
        }
    }

    private static var allAssigned: Set<Category> {
        var all = Set(groups.values.joined())
        all.remove(.unassigned)
        return all
    }

    private static func canonical(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars where scalar != "_" && scalar != "-" && scalar != " " {
            let text = String(Character(scalar))
            result += result.isEmpty ? text.uppercased() : text.lowercased()
        }
        return result
    }
}
