/// An image platform, `os/architecture[/variant]`, e.g. `linux/arm64/v8`.
public struct Platform: Sendable, Hashable, CustomStringConvertible {
    /// Operating system, e.g. `linux`.
    public let os: String
    /// CPU architecture, e.g. `amd64`.
    public let architecture: String
    /// Variant, e.g. `v7`; nil when not given.
    public let variant: String?

    /// Creates a platform from its parts; an empty variant counts as none.
    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant?.isEmpty == true ? nil : variant
    }

    /// Parses `os/arch[/variant]` as Argo CD Image Updater's `platforms` option writes it.
    public init(parsing text: String) throws(RegistryError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let valid =
            (2...3).contains(parts.count)
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 64
                    && part.allSatisfy {
                        $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".")
                    }
            }
        guard valid else {
            throw RegistryError(
                .configuration(detail: "invalid platform \(CredentialSource.quoted(text)): expected os/arch[/variant]")
            )
        }
        self.init(
            os: String(parts[0]), architecture: String(parts[1]), variant: parts.count == 3 ? String(parts[2]) : nil)
    }

    /// Whether an image for `candidate` satisfies a wish for `self`: the same os and architecture, and the
    /// same variant unless this one names none (as Image Updater matches platforms).
    public func accepts(_ candidate: Platform) -> Bool {
        guard os == candidate.os, architecture == candidate.architecture else { return false }
        return variant == nil || variant == candidate.variant
    }

    /// Buildx attestation manifests carry `unknown/unknown`; they are not images to run.
    var isUnknown: Bool { os == "unknown" || architecture == "unknown" }

    public var description: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }
}
