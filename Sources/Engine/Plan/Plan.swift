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

    /// Every error line, top-level first, for printing to stderr.
    public var allErrors: [String] {
        errors + applications.flatMap { $0.errors }
    }
}
