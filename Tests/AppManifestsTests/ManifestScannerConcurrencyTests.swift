import Foundation
import Testing

@testable import AppManifests

/// The parallel scan must find exactly what the one-file-at-a-time scan finds, in the same order, with
/// the same errors, including resources in one file that apply to Applications in others.
@Suite struct ManifestScannerConcurrencyTests {
    @Test func concurrentScanMatchesTheSequentialOne() async throws {
        let fixture = try Fixture()
        // The resource comes last in file order but applies to Applications read before it.
        try fixture.write("zz/updater.yaml", ImageUpdaterResourceTests.resource)
        for index in 0..<300 {
            let name = index % 3 == 0 ? "shop-\(index)" : "app-\(index)"
            let annotations =
                index % 3 == 0
                ? "" : "\n  annotations:\n    argocd-image-updater.argoproj.io/image-list: web=nginx:~1.\(index)"
            try fixture.write(
                "apps/\(String(format: "%03d", index)).yaml",
                ImageUpdaterResourceTests.app(name, annotations: annotations))
            if index % 50 == 7 { try fixture.write("apps/\(index)-broken.yaml", "a: [unclosed\n") }
            if index % 70 == 3 {
                try fixture.write(
                    "apps/\(index)-bad-list.yaml",
                    ImageUpdaterResourceTests.app(
                        "bad-\(index)",
                        annotations: "\n  annotations:\n    argocd-image-updater.argoproj.io/image-list: \"web=\"")
                )
            }
        }
        let scanner = ManifestScanner()
        let sequential = scanner.scan(root: fixture.root)
        let concurrent = await scanner.scanConcurrently(root: fixture.root)
        #expect(sequential.applications.count == 300)
        #expect(sequential.applications.filter { $0.name.hasPrefix("shop-") }.allSatisfy { !$0.images.isEmpty })
        #expect(sequential.errors.count >= 6)
        #expect(concurrent.applications.map(\.name) == sequential.applications.map(\.name))
        #expect(concurrent.applications.map(\.location) == sequential.applications.map(\.location))
        #expect(concurrent.applications.map(\.images) == sequential.applications.map(\.images))
        #expect(concurrent.errors.map(\.description) == sequential.errors.map(\.description))
    }
}
