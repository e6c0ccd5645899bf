/// The `rel="next"` target of an RFC 8288 `Link` header, as GitHub and GitLab send for pagination.
enum LinkHeader {
    static func next(in values: [String]) -> String? {
        for value in values {
            for part in value.split(separator: ",") {
                let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
                let isNext = pieces.dropFirst().contains { parameter in
                    let compact = parameter.replacingOccurrences(of: " ", with: "").lowercased()
                    return compact == "rel=\"next\"" || compact == "rel=next"
                }
                if isNext { return String(target.dropFirst().dropLast()) }
            }
        }
        return nil
    }
}
