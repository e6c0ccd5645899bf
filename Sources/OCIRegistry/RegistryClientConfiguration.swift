import Foundation
import Logging

/// Everything a ``RegistryClient`` needs: registries.conf, docker credentials, limits, cache and logging.
public struct RegistryClientConfiguration: Sendable {
    /// Parsed registries.conf (empty: every registry is inferred from the image reference).
    public var registriesConf: RegistriesConf
    /// Docker `config.json` credentials, if any.
    public var dockerConfig: DockerConfig?
    /// Timeouts, retries, sizes, pages and concurrency.
    public var limits: RegistryLimits
    /// Directory for the persistent digest metadata cache; nil disables it.
    public var cacheDirectory: URL?
    /// Environment used for `env:VAR` credentials.
    public var environment: [String: String]
    /// Logger; registry requests add `registry.host` and `registry.repository` metadata.
    public var logger: Logger
    /// Receives each warning once (insecure registries, unreadable pull secrets); nil logs them instead.
    public var warningHandler: (@Sendable (String) -> Void)?

    /// A configuration with no registries.conf, no docker config and no disk cache.
    public init(
        registriesConf: RegistriesConf = RegistriesConf(),
        dockerConfig: DockerConfig? = nil,
        limits: RegistryLimits = RegistryLimits(),
        cacheDirectory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "argocd-image-pr.registry"),
        warningHandler: (@Sendable (String) -> Void)? = nil
    ) {
        self.registriesConf = registriesConf
        self.dockerConfig = dockerConfig
        self.limits = limits
        self.cacheDirectory = cacheDirectory
        self.environment = environment
        self.logger = logger
        self.warningHandler = warningHandler
    }

    /// The usual setup: registries.conf from `registriesConfPath` (if given), docker config from
    /// `$DOCKER_CONFIG` or `~/.docker`, and the cache under `$XDG_CACHE_HOME/argocd-image-pr`.
    public static func standard(
        registriesConfPath: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "argocd-image-pr.registry"),
        warningHandler: (@Sendable (String) -> Void)? = nil
    ) throws(RegistryError) -> RegistryClientConfiguration {
        RegistryClientConfiguration(
            registriesConf: try registriesConfPath.map { path throws(RegistryError) in
                try RegistriesConf.load(path: path)
            }
                ?? RegistriesConf(),
            dockerConfig: try DockerConfig.load(environment: environment),
            cacheDirectory: MetadataCache.defaultDirectory(environment: environment),
            environment: environment,
            logger: logger,
            warningHandler: warningHandler
        )
    }
}
