import Foundation
import ImageRef
import Logging
import OCIRegistry
import TagMatching
import UpdatePolicy

/// `check-image`: one image, one policy, one answer.
public struct ImageChecker: Sendable {
    let logger: Logger
    let environment: [String: String]
    let warn: @Sendable (String) -> Void

    public init(
        logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        warn: @escaping @Sendable (String) -> Void
    ) {
        self.logger = logger
        self.environment = environment
        self.warn = warn
    }

    /// Validates everything the command line gave; a failure here is a usage error (exit 2).
    public static func validate(_ request: ImageCheckRequest) throws(UsageError) -> (ImageSpec, ImagePolicy, [Platform])
    {
        do {
            let spec = try ImageSpec(parsing: request.image)
            let strategy = try UpdateStrategy(parsing: request.strategy)
            let filter = try TagFilter(allowTags: request.allowTags, ignoreTags: request.ignoreTags)
            let policy = ImagePolicy(strategy: strategy, constraint: spec.tagOrConstraint, filter: filter)
            if strategy == .semver { _ = try policy.versionConstraint() }
            if strategy == .digest, !OCIGrammar.isValidTag(policy.trackedTag) {
                throw UsageError("\(request.image): \"\(policy.trackedTag)\" is not a valid tag to follow")
            }
            let platforms = try request.platforms.map { text throws in try Platform(parsing: text) }
            return (spec, policy, platforms)
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError("\(error)")
        }
    }

    /// Runs the check. Registry failures come back inside the result (exit 1), usage errors are thrown.
    public func check(_ request: ImageCheckRequest) async throws(UsageError) -> ImageCheckResult {
        let (spec, policy, platforms) = try Self.validate(request)
        let configuration: RegistryClientConfiguration
        do {
            configuration = try RegistryClientConfiguration.standard(
                registriesConfPath: request.registriesConf, environment: environment, logger: logger,
                warningHandler: warn)
        } catch {
            throw UsageError("\(error)")
        }
        var result = ImageCheckResult(
            image: request.image, registry: spec.registry, repository: spec.repository,
            strategy: policy.strategy.rawValue, selected: nil, considered: 0, reason: nil, error: nil, created: nil,
            labels: [:])
        let reference = spec.reference
        do {
            let outcome = try await RegistryClient.withClient(configuration: configuration) { client in
                try await UpdateFinder(registry: client).find(
                    reference, policy: policy, platforms: platforms, pullSecret: nil, current: nil,
                    currentDigest: nil, wantLabels: true)
            }
            result.considered = outcome.selection.considered
            if let chosen = outcome.selection.chosen {
                result.selected = .init(tag: chosen.tag, digest: outcome.chosen?.digest ?? chosen.digest)
                result.created = outcome.chosen?.created ?? chosen.created
                result.labels = outcome.chosen?.labels ?? [:]
            } else {
                result.reason = outcome.selection.description
            }
        } catch {
            result.error = "\(error)"
        }
        return result
    }
}

/// A bad command line or configuration: the CLI prints it and exits 2.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
