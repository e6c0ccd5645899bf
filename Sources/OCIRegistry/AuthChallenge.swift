/// A parsed `WWW-Authenticate` challenge: `Basic realm="…"` or `Bearer realm="…",service="…",scope="…"`.
struct AuthChallenge: Sendable, Hashable {
    enum Scheme: String, Sendable, Hashable {
        case basic
        case bearer
    }

    let scheme: Scheme
    let parameters: [String: String]

    var realm: String? { parameters["realm"] }
    var service: String? { parameters["service"] }

    /// The first Bearer challenge in the header values, else the first Basic one.
    static func parse(_ values: [String]) -> AuthChallenge? {
        let challenges = values.flatMap(parseHeader)
        return challenges.first(where: { $0.scheme == .bearer }) ?? challenges.first(where: { $0.scheme == .basic })
    }

    /// Splits one header value into challenges; unknown schemes are skipped.
    private static func parseHeader(_ value: String) -> [AuthChallenge] {
        var scanner = Scanner(Array(value.utf8.prefix(8192)))
        var result: [AuthChallenge] = []
        while !scanner.isAtEnd {
            scanner.skip { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ",") }
            let schemeName = scanner.token()
            guard !schemeName.isEmpty else { break }
            var parameters: [String: String] = [:]
            while true {
                scanner.skip { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ",") }
                let mark = scanner.position
                let key = scanner.token()
                scanner.skip { $0 == UInt8(ascii: " ") }
                guard !key.isEmpty, scanner.consume(UInt8(ascii: "=")) else {
                    scanner.position = mark
                    break
                }
                scanner.skip { $0 == UInt8(ascii: " ") }
                parameters[key.lowercased()] = scanner.quotedString() ?? scanner.token()
            }
            if let scheme = Scheme(rawValue: schemeName.lowercased()) {
                result.append(AuthChallenge(scheme: scheme, parameters: parameters))
            }
        }
        return result
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { position >= bytes.count }

        mutating func skip(while predicate: (UInt8) -> Bool) {
            while position < bytes.count, predicate(bytes[position]) { position += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// An HTTP token (letters, digits and `!#$%&'*+-.^_`|~`, plus `/` and `:` for unquoted URLs).
        mutating func token() -> String {
            let start = position
            skip { byte in
                byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "=")
                    && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: " ")
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func quotedString() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            var value: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\"), position < bytes.count {
                    value.append(bytes[position])
                    position += 1
                } else {
                    value.append(byte)
                }
            }
            return String(decoding: value, as: UTF8.self)
        }
    }
}
