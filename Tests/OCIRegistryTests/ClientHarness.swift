import Foundation
import ImageRef
import Logging
import OCIRegistry
import Synchronization
import TestSupport

/// Collects the warnings a client emits.
final class WarningSink: Sendable {
    private let storage = Mutex<[String]>([])

    var messages: [String] { storage.withLock { $0 } }

    func record(_ message: String) { storage.withLock { $0.append(message) } }
}

/// Limits small enough for tests: short backoff, a 5 s request deadline.
func testLimits(_ change: (inout RegistryLimits) -> Void = { _ in }) -> RegistryLimits {
    var limits = RegistryLimits()
    limits.retryBaseDelay = .milliseconds(20)
    limits.requestTimeout = .seconds(5)
    change(&limits)
    return limits
}

/// Runs `body` with a client (always shut down) and a sink for its warnings.
func withClient(
    registriesConf: String? = nil,
    dockerConfig: DockerConfig? = nil,
    environment: [String: String] = [:],
    limits: RegistryLimits = testLimits(),
    cacheDirectory: URL? = nil,
    _ body: (RegistryClient, WarningSink) async throws -> Void
) async throws {
    let sink = WarningSink()
    let configuration = RegistryClientConfiguration(
        registriesConf: try registriesConf.map { try RegistriesConf(yaml: $0) } ?? RegistriesConf(),
        dockerConfig: dockerConfig,
        limits: limits,
        cacheDirectory: cacheDirectory,
        environment: environment,
        logger: Logger(label: "test.registry"),
        warningHandler: { sink.record($0) }
    )
    try await RegistryClient.withClient(configuration: configuration) { client in
        try await body(client, sink)
    }
}

func image(_ host: String, _ repository: String) throws -> ImageReference {
    try ImageReference(parsing: "\(host)/\(repository)")
}

/// An image with a fixed build date and OCI labels.
func sampleImage(
    _ seed: String,
    created: Date = Date(timeIntervalSince1970: 1_714_557_600),
    architecture: String = "amd64",
    variant: String? = nil,
    format: TestImage.Format = .oci
) -> TestImage {
    TestImage(
        created: created,
        labels: [
            "org.opencontainers.image.source": "https://github.com/example/\(seed)",
            "org.opencontainers.image.revision": "rev-\(seed)",
        ],
        architecture: architecture,
        variant: variant,
        format: format,
        seed: seed
    )
}

/// Checks an error's one-line text for every fragment and for no secret.
func describes(_ error: any Error, _ fragments: [String], secrets: [String] = []) -> Bool {
    let text = String(describing: error)
    return !text.contains("\n") && fragments.allSatisfy(text.contains) && !secrets.contains(where: text.contains)
}
