/// Finds the `rel="next"` target in `Link` headers (RFC 8288), as registries paginate tag lists.
enum LinkHeader {
    static func next(in values: [String]) -> String? {
        for value in values {
            for link in value.split(separator: ",") {
                let parts = link.split(separator: ";")
                guard let target = parts.first?.filter({ $0 != " " && $0 != "\t" }),
                    target.hasPrefix("<"), target.hasSuffix(">"), target.count > 2
                else { continue }
                let isNext = parts.dropFirst().contains { parameter in
                    let pair = parameter.split(separator: "=", maxSplits: 1)
                    guard pair.count == 2, pair[0].filter({ $0 != " " }).lowercased() == "rel" else { return false }
                    let relations = pair[1].filter { $0 != "\"" }.split(separator: " ")
                    return relations.contains { $0.lowercased() == "next" }
                }
                if isNext { return String(target.dropFirst().dropLast()) }
            }
        }
        return nil
    }
}
