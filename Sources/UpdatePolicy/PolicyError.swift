/// Why an update policy could not be applied: an unparsable constraint or an unknown strategy.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case invalidConstraint(constraint: String, detail: String)
        case unknownStrategy(String)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    static func invalidConstraint(_ constraint: String, _ detail: String) -> PolicyError {
        PolicyError(.invalidConstraint(constraint: constraint, detail: detail))
    }

    static func unknownStrategy(_ name: String) -> PolicyError {
        PolicyError(.unknownStrategy(name))
    }

    public var description: String {
        switch code {
        case .invalidConstraint(let constraint, let detail):
            return "invalid semver constraint \(Self.quoted(constraint)): \(detail)"
        case .unknownStrategy(let name):
            return "unknown update strategy \(Self.quoted(name)); valid strategies are "
                + "semver, newest-build (alias latest), alphabetical (alias name), digest"
        }
    }

    /// Quotes user text for a one-line message: bounded length, control characters escaped.
    static func quoted(_ text: String) -> String {
        let limit = 100
        var shown = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            // Line and paragraph separators break a terminal line just like a newline does.
            let unsafe =
                scalar.properties.generalCategory == .control || scalar.value == 0x2028 || scalar.value == 0x2029
            shown += unsafe ? scalar.escaped(asASCII: true) : String(scalar)
        }
        if text.unicodeScalars.count > limit { shown += "…" }
        return "\"\(shown)\""
    }
}
