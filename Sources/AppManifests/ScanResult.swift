/// What a scan found: the Applications that ask for image updates, and every problem met on the way.
public struct ScanResult: Sendable {
    /// Valid Applications, in file and document order.
    public var applications: [ApplicationSpec]
    /// One line each; file errors stop only their file, application errors only their Application.
    public var errors: [ManifestError]

    public init(applications: [ApplicationSpec] = [], errors: [ManifestError] = []) {
        self.applications = applications
        self.errors = errors
    }
}
