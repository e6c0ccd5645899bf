import Foundation

/// Which requests a ``FaultProxy`` disturbs, how, and how often.
public struct FaultRule: Sendable {
    enum PathMatch: Sendable {
        case substring(String)
        case regex(String)
    }

    let pathMatch: PathMatch
    let method: String?
    /// The disturbance applied to matching requests.
    public let fault: FaultProxy.Fault
    /// How many matching requests get the fault before they pass through untouched.
    let limit: Int?

    /// Matches requests whose `path?query` contains `path` (an empty string matches everything).
    ///
    /// - Parameter times: how many requests get the fault; nil means the `times` of
    ///   ``FaultProxy/Fault/status(_:retryAfter:times:)``, and every request for other faults.
    public init(path: String, method: String? = nil, fault: FaultProxy.Fault, times: Int? = nil) {
        self.init(match: .substring(path), method: method, fault: fault, times: times)
    }

    /// Matches requests whose `path?query` matches the regular expression `pathRegex` anywhere.
    public init(pathRegex: String, method: String? = nil, fault: FaultProxy.Fault, times: Int? = nil) {
        self.init(match: .regex(pathRegex), method: method, fault: fault, times: times)
    }

    private init(match: PathMatch, method: String?, fault: FaultProxy.Fault, times: Int?) {
        self.pathMatch = match
        self.method = method?.uppercased()
        self.fault = fault
        if let times {
            self.limit = times
        } else if case .status(_, _, let statusTimes) = fault {
            self.limit = statusTimes
        } else {
            self.limit = nil
        }
    }

    func matches(method requestMethod: String, target: String) -> Bool {
        if let method, method != requestMethod.uppercased() { return false }
        switch pathMatch {
        case .substring(let needle):
            return needle.isEmpty || target.contains(needle)
        case .regex(let pattern):
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
            let range = NSRange(target.startIndex..., in: target)
            return regex.firstMatch(in: target, range: range) != nil
        }
    }
}
