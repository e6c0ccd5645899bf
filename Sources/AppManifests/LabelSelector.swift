/// A Kubernetes label selector (`matchLabels`, `matchExpressions`) as `ImageUpdater` references use it.
struct LabelSelector {
    struct Requirement {
        var key: String
        var op: String
        var values: [String]
    }

    var matchLabels: [String: String]
    var expressions: [Requirement]

    func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value {
            return false
        }
        for requirement in expressions {
            let present = labels[requirement.key]
            switch requirement.op {
            case "In": guard let present, requirement.values.contains(present) else { return false }
            case "NotIn": if let present, requirement.values.contains(present) { return false }
            case "Exists": if present == nil { return false }
            case "DoesNotExist": if present != nil { return false }
            // An invalid selector matches nothing, as in Kubernetes.
            default: return false
            }
        }
        return true
    }
}
