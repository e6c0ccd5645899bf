/// The result of planning a whole run: one entry per Application plus errors that
/// belong to no Application (unreadable manifests, repositories that cannot be read).
public struct Plan: Sendable, Equatable {
    public var applications: [ApplicationPlan]
    public var errors: [String]

    public init(applications: [ApplicationPlan] = [], errors: [String] = []) {
        self.applications = applications
        self.errors = errors
    }

    /// True when any input, Application or image failed (exit code 1).
    public var hasErrors: Bool {
        !errors.isEmpty || applications.contains { !$0.errors.isEmpty }
    }

    /// Every error line, top-level first, for printing to stderr; a line reported both for a file and for an
    /// Application (an override file that does not parse is also a manifest file) is printed once.
    public var allErrors: [String] {
        var seen = Set<String>()
        return (errors + applications.flatMap { $0.errors }).filter { seen.insert($0).inserted }
    }
}
