import Foundation
import Testing

@testable import TestSupport

@Suite("TestImage")
struct TestImageTests {
    @Test("same values give the same digests")
    func deterministic() {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let first = TestImage(created: date, labels: ["a": "1", "b": "2"], seed: "s")
        let second = TestImage(created: date, labels: ["b": "2", "a": "1"], seed: "s")
        #expect(first.manifestDigest == second.manifestDigest)
        #expect(first.configDigest == second.configDigest)
    }

    @Test(
        "each field changes the digest",
        arguments: [
            TestImage(seed: "other"),
            TestImage(created: Date(timeIntervalSince1970: 0)),
            TestImage(labels: ["x": "y"]),
            TestImage(architecture: "arm64"),
            TestImage(format: .docker),
        ])
    func variation(image: TestImage) {
        #expect(image.manifestDigest != TestImage().manifestDigest)
    }

    @Test("config carries created, labels and platform")
    func config() throws {
        let image = TestImage(
            created: Date(timeIntervalSince1970: 1_700_000_000), labels: ["org.opencontainers.image.version": "1"],
            architecture: "arm", variant: "v7")
        let object = try #require(try JSONSerialization.jsonObject(with: image.configData) as? [String: Any])
        #expect(object["created"] as? String == "2023-11-14T22:13:20Z")
        #expect(object["architecture"] as? String == "arm")
        #expect(object["variant"] as? String == "v7")
        let labels = (object["config"] as? [String: Any])?["Labels"] as? [String: String]
        #expect(labels == ["org.opencontainers.image.version": "1"])
    }

    @Test("the layer is a gzip tarball that tar can read")
    func layerIsValidTarGzip() async throws {
        try await TemporaryDirectory.with { directory in
            let file = directory.appendingPathComponent("layer.tar.gz")
            try TestImage(seed: "hello").layerData.write(to: file)
            let listing = try await Command.run("/usr/bin/tar", ["-xzOf", file.path, "seed.txt"])
            #expect(listing == "hello\n")
        }
    }
}
